import { Alert, Badge, Button, Checkbox, Group, List, SegmentedControl, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../lib/api';
import { date, money } from '../../lib/format';
import {
  type Cancellation,
  type CancellationOffers,
  type CancellationPlan,
  type Effective,
  useCancellationNoteDraft,
  useCancellationPreview,
  useCancellationReview,
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

function ReviewStep({
  c,
  onDone,
  busy,
}: {
  c: Cancellation;
  onDone: (told: boolean) => void;
  busy: boolean;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'de';
  const review = useCancellationReview(c.id, true);
  const [told, setTold] = useState(false);
  const r = review.data;
  if (!r) return review.error ? <Alert color="red">{errorText(review.error, t)}</Alert> : null;
  return (
    <Stack gap={4} data-testid="cancellation-review">
      <Text size="sm">
        {t('cancellations.review.subscription', {
          plan: r.subscription.planName[lang],
          start: date(r.subscription.period.start),
          end: date(r.subscription.period.end),
          renewal: r.subscription.nextRenewalOn ? date(r.subscription.nextRenewalOn) : '–',
        })}
      </Text>
      <Text size="sm">
        {t('cancellations.review.balance', {
          amount: money(r.balance.outstandingMinor, r.balance.currency),
          count: r.openInvoices.length,
        })}
      </Text>
      {(['period_end', 'immediate'] as const).map((o) => (
        <Text size="sm" key={o}>
          {t(`cancellations.options.${o}`)}: {date(r.options[o].effectiveOn)} ·{' '}
          {t('cancellations.refund', {
            amount: money(r.options[o].refund.amount.amountMinor, r.options[o].refund.amount.currency),
          })}
        </Text>
      ))}
      {r.mustDiscussBalance && (
        <Checkbox
          label={t('cancellations.review.told')}
          checked={told}
          onChange={(ev) => setTold(ev.currentTarget.checked)}
        />
      )}
      <Button
        size="xs"
        onClick={() => onDone(told)}
        loading={busy}
        disabled={r.mustDiscussBalance && !told}
        data-testid="cancellation-review-done"
      >
        {t('cancellations.review.done')}
      </Button>
    </Stack>
  );
}

function ExplainStep({
  c,
  onExplain,
  busy,
}: {
  c: Cancellation;
  onExplain: (e: Effective) => void;
  busy: boolean;
}) {
  const { t } = useTranslation();
  const [effective, setEffective] = useState<Effective>('period_end');
  return (
    <Group gap="xs" data-testid="cancellation-explain">
      <SegmentedControl
        size="xs"
        value={effective}
        onChange={(v) => setEffective(v as Effective)}
        data={(['period_end', 'immediate'] as const).map((o) => ({
          value: o,
          label: t(`cancellations.options.${o}`),
        }))}
      />
      <Button size="xs" onClick={() => onExplain(effective)} loading={busy}>
        {t('cancellations.explain')}
      </Button>
      <Text size="xs" c="dimmed">
        {c.reference}
      </Text>
    </Group>
  );
}

function OffersStep(props: {
  c: Cancellation;
  run: (s: string, b?: unknown) => void;
  busy: boolean;
  offers?: CancellationOffers;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'de';
  const { run, busy } = props;
  const presented = props.offers?.presented ?? [];
  return (
    <Stack gap={4} data-testid="cancellation-offers">
      <Script c={props.c} />
      {presented.map((o) => (
        <Group key={o.offerId} gap="xs">
          <Text size="sm" fw={500}>
            {o.title[lang]}
          </Text>
          <Text size="xs" c="dimmed">
            {o.why[lang]}
          </Text>
          <Button
            size="xs"
            onClick={() => run('offers/response', { response: 'accepted', offerId: o.offerId })}
            loading={busy}
          >
            {t('cancellations.offers.accept')}
          </Button>
        </Group>
      ))}
      <Group gap="xs">
        {!props.c.offers && (
          <Button size="xs" variant="light" onClick={() => run('offers')} loading={busy}>
            {t('cancellations.offers.show')}
          </Button>
        )}
        <Button
          size="xs"
          variant="subtle"
          onClick={() => run('offers/response', { response: 'declined' })}
          loading={busy}
        >
          {t('cancellations.offers.decline')}
        </Button>
      </Group>
    </Stack>
  );
}

/** The script of the option explained, read from the preview. */
function Script({ c }: { c: Cancellation }) {
  const preview = useCancellationPreview(c.id, c.explained?.effective ?? 'period_end', !!c.explained);
  if (!preview.data) return null;
  return (
    <List size="sm" data-testid="cancellation-script">
      {preview.data.script.lines.map((line) => (
        <List.Item key={line}>{line}</List.Item>
      ))}
    </List>
  );
}

function ProcessStep(props: {
  c: Cancellation;
  effective: Effective;
  run: (s: string, b?: unknown) => void;
  busy: boolean;
}) {
  const { t } = useTranslation();
  const preview = useCancellationPreview(props.c.id, props.effective, true);
  const p: CancellationPlan | undefined = preview.data;
  if (!p) return null;
  return (
    <Stack gap={4} data-testid="cancellation-preview">
      <Text size="sm">
        {t(`cancellations.outcome.${p.effective}`, { day: date(p.effectiveOn) })} ·{' '}
        {t('cancellations.refund', { amount: money(p.refund.amount.amountMinor, p.refund.amount.currency) })}
      </Text>
      <Button
        size="xs"
        color="red"
        onClick={() => props.run('process', { effective: p.effective, refund: p.refund.amount })}
        loading={props.busy}
        data-testid="cancellation-process"
      >
        {t(`cancellations.process.${p.effective}`)}
      </Button>
    </Stack>
  );
}
