import {
  Alert,
  Button,
  Divider,
  Group,
  Paper,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, fieldError } from '../../lib/api';
import { newIdempotencyKey } from '../../lib/idempotency';
import { useAccount } from '../accounts/accounts.queries';
import { CancellationFlow } from './CancellationFlow';
import { useCancellationReasons, useCaseCancellations, useStartCancellation } from './cancellations.queries';

/**
 * The cancellation desk on a case (seed 000): the case's cancellations with the step each is at,
 * and the start of a new one (only on a verified case; the server refuses it otherwise).
 */
export function CancellationPanel({
  caseId,
  accountId,
  verified,
}: {
  caseId: string;
  accountId: string;
  verified: boolean;
}) {
  const { t } = useTranslation();
  const list = useCaseCancellations(caseId);
  const items = list.data?.items ?? [];
  const [adding, setAdding] = useState(false);
  return (
    <Paper withBorder p="sm" data-testid="cancellation-panel" data-loaded={list.isSuccess}>
      <Group justify="space-between" mb="xs">
        <Title order={5}>{t('cancellations.title')}</Title>
        {verified && !adding && (
          <Button size="xs" variant="light" onClick={() => setAdding(true)} data-testid="cancellation-new">
            {t('cancellations.new')}
          </Button>
        )}
      </Group>
      {list.error && <Alert color="red">{errorText(list.error, t)}</Alert>}
      {list.isSuccess && items.length === 0 && !adding && (
        <Text size="sm" c="dimmed">
          {t('cancellations.none')}
        </Text>
      )}
      <Stack gap="sm">
        {items.map((c) => (
          <div key={c.id} data-testid="cancellation" data-id={c.id} data-status={c.status}>
            <CancellationFlow c={c} />
            <Divider mt="sm" />
          </div>
        ))}
      </Stack>
      {!verified ? (
        <Alert color="gray" mt="xs">
          {t('cancellations.needsVerification')}
        </Alert>
      ) : (
        adding && <StartForm caseId={caseId} accountId={accountId} onDone={() => setAdding(false)} />
      )}
    </Paper>
  );
}

function StartForm({ caseId, accountId, onDone }: { caseId: string; accountId: string; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'de';
  const account = useAccount(accountId);
  const reasons = useCancellationReasons();
  const start = useStartCancellation(caseId, accountId);
  const [key, setKey] = useState(newIdempotencyKey);
  const subscriptions = (account.data?.subscriptions ?? []).filter((s) =>
    ['active', 'trialing', 'past_due', 'paused'].includes(s.status),
  );
  const [picked, setSubscriptionId] = useState<string | null>(null);
  // the account loads after the form opens: the first cancellable subscription until the agent picks one
  const subscriptionId = picked ?? subscriptions[0]?.id ?? null;
  const [reasonCode, setReasonCode] = useState<string | null>(null);
  const [words, setWords] = useState('');
  const [competitor, setCompetitor] = useState('');
  const groups = (reasons.data?.items ?? []).map((g) => ({
    group: g.label[lang],
    items: (g.selectable ? [g, ...g.children] : g.children).map((r) => ({
      value: r.code,
      label: r.label[lang],
    })),
  }));
  const needsCompetitor = (reasons.data?.items ?? []).some((g) => g.code === reasonCode && g.needsCompetitor);
  const err = start.error;
  const submit = () => {
    if (!subscriptionId || !reasonCode) return;
    start.mutate(
      {
        key,
        body: {
          subscriptionId,
          reasonCode,
          customerWords: words.trim(),
          ...(needsCompetitor && competitor.trim() ? { competitor: competitor.trim() } : {}),
        },
      },
      {
        onSuccess: () => {
          setKey(newIdempotencyKey());
          onDone();
        },
      },
    );
  };
  const fields = ['body.subscriptionId', 'body.reasonCode', 'body.customerWords', 'body.competitor'];
  return (
    <form
      noValidate
      data-testid="cancellation-start"
      onSubmit={(ev) => {
        ev.preventDefault();
        submit();
      }}
    >
      <Stack gap="xs" mt="xs">
        <Select
          label={t('cancellations.form.subscription')}
          data={subscriptions.map((s) => ({
            value: s.id,
            label: `${s.planName[lang]} (${t(`cancellations.cycle.${s.cycle}`)})`,
          }))}
          value={subscriptionId}
          onChange={setSubscriptionId}
          error={fieldError(err, 'body.subscriptionId', t)}
          nothingFoundMessage={t('cancellations.form.noSubscriptions')}
          required
        />
        <Select
          label={t('cancellations.form.reason')}
          placeholder={t('cancellations.form.reasonPick')}
          data={groups}
          value={reasonCode}
          onChange={setReasonCode}
          error={fieldError(err, 'body.reasonCode', t)}
          searchable
          required
          data-autofocus
        />
        {needsCompetitor && (
          <TextInput
            label={t('cancellations.form.competitor')}
            value={competitor}
            onChange={(ev) => setCompetitor(ev.currentTarget.value)}
            error={fieldError(err, 'body.competitor', t)}
            required
          />
        )}
        <Textarea
          label={t('cancellations.form.words')}
          value={words}
          onChange={(ev) => setWords(ev.currentTarget.value)}
          error={fieldError(err, 'body.customerWords', t)}
          autosize
          minRows={2}
          required
        />
        {err && !fields.some((f) => fieldError(err, f, t)) && <Alert color="red">{errorText(err, t)}</Alert>}
        <Group>
          <Button type="submit" loading={start.isPending} disabled={!subscriptionId || !reasonCode}>
            {t('cancellations.form.submit')}
          </Button>
          <Button variant="subtle" onClick={onDone}>
            {t('cancellations.form.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
