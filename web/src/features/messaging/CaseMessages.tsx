import { Badge, Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, fieldError } from '../../lib/api';
import { dateTime } from '../../lib/format';
import { newIdempotencyKey } from '../../lib/idempotency';
import { MessageModal, SecretsMaskedNote } from './MessageView';
import { useCaseMessages, useSendCaseMessage } from './messaging.queries';

const stateColor: Record<string, string> = {
  sent: 'green',
  queued: 'blue',
  sending: 'blue',
  failed: 'red',
  cancelled: 'gray',
};

/**
 * What the customer was sent on this case, with delivery state, and a box to write to them; a
 * message to staff about the case (a low-rating alert to its lead) is marked as such.
 */
export function CaseMessages({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const [openId, setOpenId] = useState<string | null>(null);
  const messages = useCaseMessages(caseId);
  const items = messages.data?.items ?? [];
  return (
    <Paper withBorder p="sm">
      <Title order={5} mb="xs">
        {t('messages.title')}
      </Title>
      <Stack gap="xs">
        {messages.data && items.length === 0 && (
          <Text size="sm" c="dimmed" data-testid="case-messages-empty">
            {t('messages.empty')}
          </Text>
        )}
        {items.map((m) => (
          <Paper key={m.id} withBorder p="xs" data-testid="case-message">
            <Group justify="space-between" wrap="nowrap">
              <Text size="sm" fw={600}>
                {m.subject}
              </Text>
              <Group gap={4} wrap="nowrap">
                {m.toStaff && (
                  <Badge color="gray" variant="light" data-testid="case-message-to-staff">
                    {t('messages.toStaff')}
                  </Badge>
                )}
                <Badge color={stateColor[m.state]}>{t(`messages.states.${m.state}`)}</Badge>
              </Group>
            </Group>
            <Text size="xs" c="dimmed">
              {t('messages.to', { to: m.to })} · {dateTime(m.sentAt ?? m.createdAt)}
              {m.lastError && ` · ${m.lastError}`}
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-line' }} lineClamp={3}>
              {m.text}
            </Text>
            {m.secretsMasked && <SecretsMaskedNote />}
            <Button
              variant="subtle"
              size="compact-xs"
              onClick={() => setOpenId(m.id)}
              data-testid="message-open"
            >
              {t('messages.open')}
            </Button>
          </Paper>
        ))}
        <ComposeMessage caseId={caseId} />
      </Stack>
      <MessageModal
        opened={openId !== null}
        message={items.find((m) => m.id === openId)}
        onClose={() => setOpenId(null)}
      />
    </Paper>
  );
}

/**
 * The box to write to the customer. One Idempotency-Key per compose action, kept until the send
 * succeeds or the text changes: a double click or a retried request queues the message once.
 */
function ComposeMessage({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(() => ({ body: '', key: newIdempotencyKey() }));
  const send = useSendCaseMessage(caseId);
  return (
    <>
      <Textarea
        label={t('messages.write')}
        value={draft.body}
        onChange={(e) => setDraft({ body: e.currentTarget.value, key: newIdempotencyKey() })}
        // a text changed while it is being sent would be cleared by the success unseen
        readOnly={send.isPending}
        error={fieldError(send.error, 'body.body', t) ?? (send.error ? errorText(send.error, t) : undefined)}
        autosize
        minRows={2}
      />
      <Button
        variant="light"
        onClick={() =>
          send.mutate(draft, { onSuccess: () => setDraft({ body: '', key: newIdempotencyKey() }) })
        }
        disabled={!draft.body.trim()}
        loading={send.isPending}
        data-testid="message-send"
      >
        {t('messages.send')}
      </Button>
    </>
  );
}
