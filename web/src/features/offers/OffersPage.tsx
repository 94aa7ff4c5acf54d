import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  MultiSelect,
  NumberInput,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, fieldError } from '../../lib/api';
import {
  type Offer,
  type OfferBody,
  type OfferList,
  useOfferStats,
  useOffersAdmin,
  useReorderOffers,
  useSaveHoldout,
  useSaveOffer,
} from './offers.queries';

const KINDS = ['pause', 'downgrade', 'discount', 'extension', 'custom'] as const;
type Kind = (typeof KINDS)[number];

/** The admin's retention offers: the list in order (best first), an edit form, and the holdout share. */
export function OffersPage() {
  const { t } = useTranslation();
  const list = useOffersAdmin();
  const [editing, setEditing] = useState<Offer | 'new' | null>(null);
  if (list.error)
    return (
      <Alert color="red" role="alert">
        {errorText(list.error, t)}
      </Alert>
    );
  const view = list.data;
  if (!view) return null;
  return (
    <Stack maw={1100}>
      <Group justify="space-between">
        <Title order={3}>{t('offers.title')}</Title>
        <Button onClick={() => setEditing('new')} data-testid="offer-new">
          {t('offers.new')}
        </Button>
      </Group>
      {editing && (
        <OfferForm
          key={editing === 'new' ? 'new' : editing.id}
          offer={editing === 'new' ? null : editing}
          reasons={view.reasons}
          onDone={() => setEditing(null)}
        />
      )}
      <OfferTable view={view} onEdit={setEditing} />
      <Holdout view={view} />
      <Stats />
    </Stack>
  );
}

function OfferTable({ view, onEdit }: { view: OfferList; onEdit: (o: Offer) => void }) {
  const { t, i18n } = useTranslation();
  const reorder = useReorderOffers();
  const lang = i18n.language === 'en' ? 'en' : 'de';
  const ids = view.items.map((o) => o.id);
  const move = (i: number, by: -1 | 1) => {
    const next = [...ids];
    [next[i], next[i + by]] = [next[i + by]!, next[i]!];
    reorder.mutate(next, { onError: (e) => notifications.show({ color: 'red', message: errorText(e, t) }) });
  };
  return (
    <Paper withBorder p="sm">
      <Table data-testid="offer-list">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('offers.columns.order')}</Table.Th>
            <Table.Th>{t('offers.columns.title')}</Table.Th>
            <Table.Th>{t('offers.columns.kind')}</Table.Th>
            <Table.Th>{t('offers.columns.rules')}</Table.Th>
            <Table.Th>{t('offers.columns.redemptions')}</Table.Th>
            <Table.Th>{t('offers.columns.active')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {view.items.map((o, i) => {
            const e = o.eligibility as { plans?: string[]; reasons?: string[] };
            return (
              <Table.Tr key={o.id}>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    {i + 1}
                    <ActionIcon
                      variant="subtle"
                      size="sm"
                      aria-label={t('offers.up')}
                      disabled={i === 0 || reorder.isPending}
                      onClick={() => move(i, -1)}
                    >
                      ↑
                    </ActionIcon>
                    <ActionIcon
                      variant="subtle"
                      size="sm"
                      aria-label={t('offers.down')}
                      disabled={i === ids.length - 1 || reorder.isPending}
                      onClick={() => move(i, 1)}
                    >
                      ↓
                    </ActionIcon>
                  </Group>
                </Table.Td>
                <Table.Td>{o.title[lang]}</Table.Td>
                <Table.Td>{t(`offers.kinds.${o.kind}`)}</Table.Td>
                <Table.Td>
                  <Text size="sm">
                    {e.plans?.length ? e.plans.join(', ') : t('offers.all')} ·{' '}
                    {e.reasons?.length
                      ? e.reasons.map((r) => view.reasons.find((x) => x.code === r)?.[lang] ?? r).join(', ')
                      : t('offers.all')}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {o.redemptions} / {o.maxRedemptions ?? t('offers.unlimited')}
                </Table.Td>
                <Table.Td>
                  <Badge color={o.active ? 'green' : 'gray'}>
                    {o.active ? t('offers.yes') : t('offers.no')}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Button size="xs" variant="light" onClick={() => onEdit(o)}>
                    {t('offers.edit')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

interface FormState {
  titleDe: string;
  titleEn: string;
  kind: Kind;
  months: number;
  planCode: string;
  percent: number;
  cycles: number;
  days: number;
  textDe: string;
  textEn: string;
  plans: string[];
  reasons: string[];
  minTenureDays: number | null;
  maxTenureDays: number | null;
  minLifetimeValueMinor: number | null;
  notRedeemedWithinMonths: number | null;
  maxRedemptions: number | null;
  active: boolean;
}

function initialState(offer: Offer | null): FormState {
  const terms = (offer?.terms ?? {}) as Record<string, unknown>;
  const e = (offer?.eligibility ?? {}) as Record<string, unknown>;
  const text = (terms.text ?? {}) as { de?: string; en?: string };
  const value = e.minLifetimeValue as { amountMinor: number } | null | undefined;
  return {
    titleDe: offer?.title.de ?? '',
    titleEn: offer?.title.en ?? '',
    kind: (offer?.kind ?? 'pause') as Kind,
    months: Number(terms.months ?? 2),
    planCode: String(terms.planCode ?? 'BASIC-M'),
    percent: Number(terms.percent ?? 20),
    cycles: Number(terms.cycles ?? 3),
    days: Number(terms.days ?? 14),
    textDe: text.de ?? '',
    textEn: text.en ?? '',
    plans: (e.plans as string[] | undefined) ?? [],
    reasons: (e.reasons as string[] | undefined) ?? [],
    minTenureDays: (e.minTenureDays as number | null | undefined) ?? null,
    maxTenureDays: (e.maxTenureDays as number | null | undefined) ?? null,
    minLifetimeValueMinor: value?.amountMinor ?? null,
    notRedeemedWithinMonths: (e.notRedeemedWithinMonths as number | null | undefined) ?? null,
    maxRedemptions: offer?.maxRedemptions ?? null,
    active: offer?.active ?? true,
  };
}

function toBody(s: FormState): OfferBody {
  const terms: OfferBody['terms'] =
    s.kind === 'pause'
      ? { kind: 'pause', months: s.months }
      : s.kind === 'downgrade'
        ? { kind: 'downgrade', planCode: s.planCode }
        : s.kind === 'discount'
          ? { kind: 'discount', percent: s.percent, cycles: s.cycles }
          : s.kind === 'extension'
            ? { kind: 'extension', days: s.days }
            : { kind: 'custom', text: { de: s.textDe, en: s.textEn } };
  return {
    title: { de: s.titleDe, en: s.titleEn },
    terms,
    eligibility: {
      plans: s.plans,
      reasons: s.reasons as NonNullable<OfferBody['eligibility']>['reasons'],
      minTenureDays: s.minTenureDays,
      maxTenureDays: s.maxTenureDays,
      minLifetimeValue:
        s.minLifetimeValueMinor === null ? null : { amountMinor: s.minLifetimeValueMinor, currency: 'EUR' },
      notRedeemedWithinMonths: s.notRedeemedWithinMonths,
    },
    maxRedemptions: s.maxRedemptions,
    active: s.active,
  };
}

const num = (v: string | number) => (v === '' ? null : Number(v));

function OfferForm(props: { offer: Offer | null; reasons: OfferList['reasons']; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'de';
  const save = useSaveOffer();
  const [s, setS] = useState<FormState>(() => initialState(props.offer));
  const set = <K extends keyof FormState>(key: K, value: FormState[K]) =>
    setS((prev) => ({ ...prev, [key]: value }));
  const err = (field: string) => fieldError(save.error, field, t);
  const submit = () =>
    save.mutate(
      { id: props.offer?.id, body: toBody(s) },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: t('offers.saved') });
          props.onDone();
        },
      },
    );
  return (
    <Paper withBorder p="sm" data-testid="offer-form">
      <Stack>
        <Group grow>
          <TextInput
            label={t('offers.fields.titleDe')}
            value={s.titleDe}
            onChange={(e) => set('titleDe', e.currentTarget.value)}
            error={err('body.title.de')}
          />
          <TextInput
            label={t('offers.fields.titleEn')}
            value={s.titleEn}
            onChange={(e) => set('titleEn', e.currentTarget.value)}
            error={err('body.title.en')}
          />
        </Group>
        <Select
          label={t('offers.fields.kind')}
          data={KINDS.map((k) => ({ value: k, label: t(`offers.kinds.${k}`) }))}
          value={s.kind}
          onChange={(v) => v && set('kind', v as Kind)}
          allowDeselect={false}
        />
        {s.kind === 'pause' && (
          <NumberInput
            label={t('offers.fields.months')}
            min={1}
            max={3}
            value={s.months}
            onChange={(v) => set('months', Number(v))}
            error={err('body.terms.months')}
          />
        )}
        {s.kind === 'downgrade' && (
          <TextInput
            label={t('offers.fields.planCode')}
            value={s.planCode}
            onChange={(e) => set('planCode', e.currentTarget.value)}
            error={err('body.terms.planCode')}
          />
        )}
        {s.kind === 'discount' && (
          <Group grow>
            <NumberInput
              label={t('offers.fields.percent')}
              min={1}
              max={100}
              value={s.percent}
              onChange={(v) => set('percent', Number(v))}
              error={err('body.terms.percent')}
            />
            <NumberInput
              label={t('offers.fields.cycles')}
              min={1}
              max={36}
              value={s.cycles}
              onChange={(v) => set('cycles', Number(v))}
              error={err('body.terms.cycles')}
            />
          </Group>
        )}
        {s.kind === 'extension' && (
          <NumberInput
            label={t('offers.fields.days')}
            min={1}
            max={366}
            value={s.days}
            onChange={(v) => set('days', Number(v))}
            error={err('body.terms.days')}
          />
        )}
        {s.kind === 'custom' && (
          <Group grow>
            <TextInput
              label={t('offers.fields.textDe')}
              value={s.textDe}
              onChange={(e) => set('textDe', e.currentTarget.value)}
              error={err('body.terms.text.de')}
            />
            <TextInput
              label={t('offers.fields.textEn')}
              value={s.textEn}
              onChange={(e) => set('textEn', e.currentTarget.value)}
              error={err('body.terms.text.en')}
            />
          </Group>
        )}
        <Group grow>
          <TextInput
            label={t('offers.fields.plans')}
            value={s.plans.join(', ')}
            onChange={(e) =>
              set(
                'plans',
                e.currentTarget.value
                  .split(',')
                  .map((p) => p.trim())
                  .filter(Boolean),
              )
            }
            error={err('body.eligibility.plans')}
          />
          <MultiSelect
            label={t('offers.fields.reasons')}
            data={props.reasons.map((r) => ({ value: r.code, label: r[lang] }))}
            value={s.reasons}
            onChange={(v) => set('reasons', v)}
          />
        </Group>
        <Group grow>
          <NumberInput
            label={t('offers.fields.minTenureDays')}
            min={0}
            value={s.minTenureDays ?? ''}
            onChange={(v) => set('minTenureDays', num(v))}
            error={err('body.eligibility.minTenureDays')}
          />
          <NumberInput
            label={t('offers.fields.maxTenureDays')}
            min={0}
            value={s.maxTenureDays ?? ''}
            onChange={(v) => set('maxTenureDays', num(v))}
            error={err('body.eligibility.maxTenureDays')}
          />
          <NumberInput
            label={t('offers.fields.minLifetimeValue')}
            min={0}
            decimalScale={2}
            value={s.minLifetimeValueMinor === null ? '' : s.minLifetimeValueMinor / 100}
            onChange={(v) => set('minLifetimeValueMinor', v === '' ? null : Math.round(Number(v) * 100))}
            error={err('body.eligibility.minLifetimeValue.amountMinor')}
          />
        </Group>
        <Group grow>
          <NumberInput
            label={t('offers.fields.notRedeemedWithinMonths')}
            min={1}
            max={120}
            value={s.notRedeemedWithinMonths ?? ''}
            onChange={(v) => set('notRedeemedWithinMonths', num(v))}
            error={err('body.eligibility.notRedeemedWithinMonths')}
          />
          <NumberInput
            label={t('offers.fields.maxRedemptions')}
            min={1}
            value={s.maxRedemptions ?? ''}
            onChange={(v) => set('maxRedemptions', num(v))}
            error={err('body.maxRedemptions')}
          />
        </Group>
        <Checkbox
          label={t('offers.fields.active')}
          checked={s.active}
          onChange={(e) => set('active', e.currentTarget.checked)}
        />
        {save.error && !err('body.title.de') && (
          <Alert color="red" role="alert">
            {errorText(save.error, t)}
          </Alert>
        )}
        <Group>
          <Button onClick={submit} loading={save.isPending} data-testid="offer-save">
            {t('offers.save')}
          </Button>
          <Button variant="default" onClick={props.onDone}>
            {t('offers.cancel')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function Holdout({ view }: { view: OfferList }) {
  const { t } = useTranslation();
  const save = useSaveHoldout();
  const [percent, setPercent] = useState<number>(view.holdout.percent);
  return (
    <Paper withBorder p="sm">
      <Title order={4}>{t('offers.holdout.title')}</Title>
      <Text size="sm" c="dimmed">
        {t('offers.holdout.explain')}
      </Text>
      <Group align="end" mt="xs">
        <NumberInput
          label={t('offers.holdout.percent')}
          min={0}
          max={50}
          value={percent}
          onChange={(v) => setPercent(Number(v))}
          error={fieldError(save.error, 'body.percent', t)}
        />
        <Button
          onClick={() =>
            save.mutate(
              { percent },
              { onSuccess: () => notifications.show({ color: 'green', message: t('offers.holdout.saved') }) },
            )
          }
          loading={save.isPending}
        >
          {t('offers.holdout.save')}
        </Button>
      </Group>
    </Paper>
  );
}

function Stats() {
  const { t, i18n } = useTranslation();
  const stats = useOfferStats();
  const lang = i18n.language === 'en' ? 'en' : 'de';
  const pct = (r: number | null) =>
    r === null
      ? t('offers.stats.none')
      : new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 }).format(r);
  const s = stats.data;
  if (!s) return null;
  const h = s.holdout;
  return (
    <Paper withBorder p="sm">
      <Title order={4} id="offer-stats">
        {t('offers.stats.title')}
      </Title>
      <Table aria-labelledby="offer-stats" data-testid="offer-stats">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('offers.columns.title')}</Table.Th>
            <Table.Th>{t('offers.stats.shown')}</Table.Th>
            <Table.Th>{t('offers.stats.accepted')}</Table.Th>
            <Table.Th>{t('offers.stats.declined')}</Table.Th>
            <Table.Th>{t('offers.stats.confirmed')}</Table.Th>
            <Table.Th>{t('offers.stats.pending')}</Table.Th>
            <Table.Th>{t('offers.stats.lost')}</Table.Th>
            <Table.Th>{t('offers.stats.saveRate')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {s.offers.map((o) => (
            <Table.Tr key={o.offerId}>
              <Table.Td>{o.title[lang]}</Table.Td>
              <Table.Td>{o.shown}</Table.Td>
              <Table.Td>{o.accepted}</Table.Td>
              <Table.Td>{o.declined}</Table.Td>
              <Table.Td>{o.savesConfirmed}</Table.Td>
              <Table.Td>{o.savesPending}</Table.Td>
              <Table.Td>{o.savesLost}</Table.Td>
              <Table.Td>{pct(o.saveRate)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text size="sm" mt="xs">
        {t('offers.stats.offered', {
          saves: s.offered.savesConfirmed,
          cases: s.offered.cases,
          rate: pct(s.offered.saveRate),
        })}
      </Text>
      <Text size="sm">
        {t('offers.stats.holdout', {
          percent: h.percent,
          retained: h.retained,
          decided: h.retained + h.lost,
          rate: pct(h.retentionRate),
          pending: h.pending,
        })}
      </Text>
    </Paper>
  );
}
