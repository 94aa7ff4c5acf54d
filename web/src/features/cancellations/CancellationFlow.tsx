import { Alert, Badge, Button, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../lib/api';
import { date, money } from '../../lib/format';
import { ExplainStep, OffersStep, ProcessStep, ReviewStep } from './CancellationSteps';
import {
  type Cancellation,
  type CancellationOffers,
  useCancellationNoteDraft,
  useCancellationStep,
} from './cancellations.queries';

const STEPS = ['reason', 'review', 'explain', 'offers', 'process', 'confirm'] as const;

/** One cancellation: the steps done, the one to do now (only that one can be done), and its outcome. */
export function CancellationFlow({ c }: { c: Cancellation }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'de';
  const step = useCancellationStep(c);
  const [noteShown, setNoteShown] = useState(false);
  const note = useCancellationNoteDraft(c.id, noteShown);
  const run = (name: string, body?: unknown) => step.mutate({ step: name, body });
  return (
    <Stack gap="xs">
      <Group gap="xs">
        <Badge variant="light">{t(`cancellations.statuses.${c.status}`)}</Badge>
        {c.status === 'scheduled' && c.subscriptionStatus === 'cancelled' && (
          <Badge variant="light" color="gray">
            {t('cancellations.tookEffect')}
          </Badge>
        )}
        <Text size="sm" fw={500}>
          {c.reason.label[lang]}
          {c.competitor ? ` · ${c.competitor}` : ''}
        </Text>
        <Text size="sm" c="dimmed">
          {c.reference}
        </Text>
      </Group>
      <Group gap={4}>
        {STEPS.map((s) => (
          <Badge
            key={s}
            size="xs"
            color={c.steps.done.includes(s) ? 'green' : c.steps.next === s ? 'blue' : 'gray'}
            variant="dot"
          >
            {t(`cancellations.steps.${s}`)}
          </Badge>
        ))}
      </Group>
      {c.steps.next === 'review' && (
        <ReviewStep
          c={c}
          onDone={(balanceDiscussed) => run('review', { balanceDiscussed })}
          busy={step.isPending}
        />
      )}
      {c.steps.next === 'explain' && (
        <ExplainStep c={c} onExplain={(effective) => run('explain', { effective })} busy={step.isPending} />
      )}
      {c.steps.next === 'offers' && (
        <OffersStep
          c={c}
          run={run}
          busy={step.isPending}
          offers={step.data as CancellationOffers | undefined}
        />
      )}
      {c.steps.next === 'process' && c.explained && (
        <ProcessStep c={c} effective={c.explained.effective} run={run} busy={step.isPending} />
      )}
      {c.steps.next === 'confirm' && (
        <Button
          size="xs"
          onClick={() => run('confirm')}
          loading={step.isPending}
          data-testid="cancellation-confirm"
        >
          {t('cancellations.confirm')}
        </Button>
      )}
      {c.processed && (
        <Text size="sm" data-testid="cancellation-outcome">
          {t(`cancellations.outcome.${c.processed.effective}`, { day: date(c.processed.effectiveOn) })}
          {c.processed.refund.amountMinor > 0 &&
            ` · ${t('cancellations.refund', { amount: money(c.processed.refund.amountMinor, c.processed.refund.currency) })}`}
        </Text>
      )}
      {c.confirmation && (
        <Text size="sm" c="green" data-testid="cancellation-confirmed">
          {c.confirmation.messageId
            ? t('cancellations.confirmationSent')
            : t('cancellations.confirmationByPhone')}
        </Text>
      )}
      <Group gap="xs">
        {c.status === 'in_progress' && (
          <Button
            size="xs"
            variant="subtle"
            color="gray"
            onClick={() => run('withdraw')}
            loading={step.isPending}
          >
            {t('cancellations.withdraw')}
          </Button>
        )}
        {c.status === 'scheduled' && c.subscriptionStatus === 'pending_cancellation' && (
          <Button
            size="xs"
            variant="subtle"
            color="orange"
            onClick={() => run('revoke')}
            loading={step.isPending}
          >
            {t('cancellations.revoke')}
          </Button>
        )}
        {c.status !== 'in_progress' && (
          <Button size="xs" variant="subtle" onClick={() => setNoteShown((v) => !v)}>
            {t('cancellations.noteDraft')}
          </Button>
        )}
      </Group>
      {noteShown && note.data && (
        <Alert color="gray" data-testid="cancellation-note-draft">
          <Text size="sm">{note.data.contactReason}</Text>
          <Text size="sm">{note.data.actionsTaken}</Text>
          {note.data.commitments.map((m) => (
            <Text size="sm" key={m.description}>
              {m.description} · {date(m.dueOn)}
            </Text>
          ))}
        </Alert>
      )}
      {step.error && <Alert color="red">{errorText(step.error, t)}</Alert>}
    </Stack>
  );
}
