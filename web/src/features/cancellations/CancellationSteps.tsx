import { Alert, Button, Checkbox, Group, List, SegmentedControl, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../lib/api';
import { date, money } from '../../lib/format';
import {
  type Cancellation,
  type CancellationOffers,
  type CancellationPlan,
  type Effective,
  useCancellationPreview,
  useCancellationReview,
} from './cancellations.queries';

// The step a cancellation is at, one component each: what the agent sees and does in it.

export function ReviewStep({
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

export function ExplainStep({
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

export function OffersStep(props: {
  c: Cancellation;
  run: (s: string, b?: unknown) => void;
  busy: boolean;
  offers?: CancellationOffers;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'de';
  const { run, busy } = props;
  // what the server showed on this case, also after a reload
  const presented = props.offers?.presented ?? props.c.offers?.shown ?? [];
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
export function Script({ c }: { c: Cancellation }) {
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

export function ProcessStep(props: {
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
