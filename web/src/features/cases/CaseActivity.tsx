import { Badge, Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldError, get, post } from '../../lib/api';
import { dateTime } from '../../lib/format';

interface Message {
  id: string;
  to: string;
  subject: string;
  state: string;
  createdAt: string;
  sentAt: string | null;
  text: string;
  lastError: string | null;
}

const stateColor: Record<string, string> = {
  sent: 'green',
  queued: 'blue',
  sending: 'blue',
  failed: 'red',
  cancelled: 'gray',
};

/** What the customer was sent on this case, with delivery state, and a box to write to them. */
export function CaseMessages({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [body, setBody] = useState('');
  const messages = useQuery({
    queryKey: ['messages', caseId],
    queryFn: () => get<{ items: Message[] }>(`/api/cases/${caseId}/messages`),
    refetchInterval: 5000,
  });
  const send = useMutation({
    mutationFn: () => post(`/api/cases/${caseId}/messages`, { body }),
    onSuccess: () => {
      setBody('');
      void qc.invalidateQueries({ queryKey: ['messages', caseId] });
    },
  });
  return (
    <Paper withBorder p="sm">
      <Title order={5} mb="xs">
        {t('messages.title')}
      </Title>
      <Stack gap="xs">
        {(messages.data?.items ?? []).map((m) => (
          <Paper key={m.id} withBorder p="xs">
            <Group justify="space-between">
              <Text size="sm" fw={600}>
                {m.subject}
              </Text>
              <Badge color={stateColor[m.state]}>{t(`messages.states.${m.state}`)}</Badge>
            </Group>
            <Text size="xs" c="dimmed">
              {t('messages.to', { to: m.to })} · {dateTime(m.sentAt ?? m.createdAt)}
              {m.lastError && ` · ${m.lastError}`}
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-line' }} lineClamp={6}>
              {m.text}
            </Text>
          </Paper>
        ))}
        <Textarea
          label={t('messages.write')}
          value={body}
          onChange={(e) => setBody(e.currentTarget.value)}
          error={fieldError(send.error, 'body.body') ?? (send.error as Error | null)?.message}
          autosize
          minRows={2}
        />
        <Button
          variant="light"
          onClick={() => send.mutate()}
          disabled={!body.trim()}
          loading={send.isPending}
        >
          {t('messages.send')}
        </Button>
      </Stack>
    </Paper>
  );
}

export function CaseTimeline({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const timeline = useQuery({
    queryKey: ['timeline', caseId],
    queryFn: () =>
      get<{
        items: Array<{
          id: number;
          at: string;
          action: string;
          actor: { displayName: string } | null;
          actorRole: string | null;
        }>;
      }>(`/api/cases/${caseId}/timeline`),
  });
  return (
    <Paper withBorder p="sm">
      <Title order={5} mb="xs">
        {t('case.timeline')}
      </Title>
      <Stack gap={4}>
        {(timeline.data?.items ?? []).map((e) => (
          <Text key={e.id} size="sm">
            <Text span c="dimmed" size="xs">
              {dateTime(e.at)}
            </Text>{' '}
            {t(`audit.actions.${e.action}`, { defaultValue: e.action })} —{' '}
            {e.actor?.displayName ?? t(`roles.${e.actorRole ?? 'system'}`)}
          </Text>
        ))}
      </Stack>
    </Paper>
  );
}
