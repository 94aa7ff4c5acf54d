import {
  Alert,
  Card,
  Group,
  Loader,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { errorText } from '../../lib/api';
import { DateField } from '../../lib/DateField';
import { date, hours, money, number, percent } from '../../lib/format';
import { useSession } from '../auth/session';
import { ChartCard } from './ChartCard';
import { DashboardSections } from './DashboardSections';
import { Drilldown } from './Drilldown';
import { type DashboardPick, useReasonLabel } from './dashboard-shared';
import { type Dashboard, type DashboardFilters, useDashboard } from './insights.queries';
import { WhatIfPanel } from './WhatIfPanel';

const GRAINS = ['day', 'week', 'month'] as const;
const FILTER_KEYS = ['from', 'to', 'grain', 'plan', 'channel', 'reason'] as const;
const CHANNELS = ['search', 'social', 'referral', 'affiliate', 'direct', 'partner', 'retail'];
type Pick = DashboardPick;

/** The filters kept in the URL, so a link (the weekly digest's) opens the same view. */
function useFilters(): [DashboardFilters, (change: Partial<Record<string, string>>) => void] {
  const [params, setParams] = useSearchParams();
  const filters: Record<string, string> = {};
  for (const k of FILTER_KEYS) {
    const v = params.get(k);
    if (v) filters[k] = v;
  }
  const set = (change: Partial<Record<string, string>>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(change)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };
  return [filters as DashboardFilters, set];
}

/**
 * The insights dashboard: what the desk's history says for a period and a filter, as charts with
 * the numbers behind each one as a table, a CSV of it, and the cases behind every bar.
 */
export function DashboardPage() {
  const { t } = useTranslation();
  const [filters, setFilters] = useFilters();
  const dashboard = useDashboard(filters);
  const [pick, setPick] = useState<Pick | null>(null);
  const d = dashboard.data;
  const choose = (p: Pick) => {
    setPick(p);
    requestAnimationFrame(() => document.getElementById('dashboard-drilldown')?.focus());
  };
  const options = (keys: string[], current: string | undefined, label: (k: string) => string) =>
    [...new Set([...keys, ...(current ? [current] : [])])].map((k) => ({ value: k, label: label(k) }));
  const channelLabel = (k: string) => t(`account.channels.${k}`, { defaultValue: k });
  const reasonLabel = useReasonLabel();
  const { user } = useSession();
  const mayAskWhatIf = user?.role === 'lead' || user?.role === 'admin';
  return (
    <Stack maw={1400}>
      <Title order={3}>{t('dashboard.title')}</Title>
      <Text size="sm" c="dimmed">
        {t('dashboard.intro')}
      </Text>
      <Paper withBorder p="sm" data-testid="dashboard-filters">
        <Group align="flex-end" wrap="wrap">
          <DateField
            label={t('dashboard.from')}
            value={filters.from ?? d?.period.from ?? ''}
            onChange={(v) => setFilters({ from: v })}
            w={150}
          />
          <DateField
            label={t('dashboard.to')}
            value={filters.to ?? d?.period.to ?? ''}
            onChange={(v) => setFilters({ to: v })}
            w={150}
          />
          <div>
            <Text size="sm" fw={500} id="dashboard-grain">
              {t('dashboard.grain')}
            </Text>
            <SegmentedControl
              aria-labelledby="dashboard-grain"
              value={filters.grain ?? d?.period.grain ?? 'week'}
              onChange={(v) => setFilters({ grain: v })}
              data={GRAINS.map((g) => ({ value: g, label: t(`dashboard.grains.${g}`) }))}
            />
          </div>
          <Select
            label={t('dashboard.channel')}
            placeholder={t('dashboard.all')}
            value={filters.channel ?? null}
            onChange={(v) => setFilters({ channel: v ?? '' })}
            data={options(CHANNELS, filters.channel, channelLabel)}
            clearable
            w={190}
          />
          <Select
            label={t('dashboard.plan')}
            placeholder={t('dashboard.all')}
            value={filters.plan ?? null}
            onChange={(v) => setFilters({ plan: v ?? '' })}
            data={options(d?.breakdowns.plan.map((r) => r.key) ?? [], filters.plan, (k) => k)}
            clearable
            searchable
            w={190}
          />
          <Select
            label={t('dashboard.reason')}
            placeholder={t('dashboard.all')}
            value={filters.reason ?? null}
            onChange={(v) => setFilters({ reason: v ?? '' })}
            data={options(d?.breakdowns.reason.map((r) => r.key) ?? [], filters.reason, reasonLabel)}
            clearable
            searchable
            w={220}
          />
          {dashboard.isFetching && <Loader size="sm" aria-label={t('dashboard.loading')} />}
        </Group>
      </Paper>
      {dashboard.error && (
        <Alert color="red" role="alert">
          {errorText(dashboard.error, t)}
        </Alert>
      )}
      {d && (
        <>
          {d.restricted && (
            <Text size="sm" c="dimmed" data-testid="dashboard-restricted">
              {t('dashboard.restricted')}
            </Text>
          )}
          <Kpis d={d} />
          <ChartCard
            title={t('dashboard.timeline')}
            view="timeline"
            filters={filters}
            rows={d.timeline.map((r) => ({ ...r, key: r.bucket }))}
            keyLabel={t('dashboard.bucket')}
            label={(k) => date(k)}
            line
            onPick={(key, label) => choose({ metric: 'all', dimension: 'bucket', key, label })}
          />
          <SimpleGrid cols={{ base: 1, lg: 2 }}>
            <ChartCard
              title={t('dashboard.byReason')}
              view="reason"
              filters={filters}
              rows={d.breakdowns.reason}
              keyLabel={t('dashboard.reason')}
              label={reasonLabel}
              onPick={(key, label) => choose({ metric: 'all', dimension: 'reason', key, label })}
            />
            <ChartCard
              title={t('dashboard.byChannel')}
              view="channel"
              filters={filters}
              rows={d.breakdowns.channel}
              keyLabel={t('dashboard.channel')}
              label={channelLabel}
              onPick={(key, label) => choose({ metric: 'all', dimension: 'channel', key, label })}
            />
            <ChartCard
              title={t('dashboard.byTenure')}
              view="tenure"
              filters={filters}
              rows={d.breakdowns.tenure}
              keyLabel={t('dashboard.tenure')}
              label={(k) => t(`dashboard.tenures.${k}`, { defaultValue: k })}
              onPick={(key, label) => choose({ metric: 'all', dimension: 'tenure', key, label })}
            />
            <ChartCard
              title={t('dashboard.byPlan')}
              view="plan"
              filters={filters}
              rows={d.breakdowns.plan}
              keyLabel={t('dashboard.plan')}
              label={(k) => k}
              onPick={(key, label) => choose({ metric: 'all', dimension: 'plan', key, label })}
            />
          </SimpleGrid>
          <DashboardSections d={d} filters={filters} onPick={choose} reasonLabel={reasonLabel} />
          {pick && (
            <Drilldown
              filters={filters}
              pick={pick}
              reasonLabel={reasonLabel}
              onClose={() => setPick(null)}
            />
          )}
          {mayAskWhatIf && (
            <WhatIfPanel
              period={d.period}
              filters={filters}
              channelLabel={channelLabel}
              reasonLabel={reasonLabel}
            />
          )}
        </>
      )}
    </Stack>
  );
}

function Kpi({
  label,
  value,
  note,
  testId,
}: {
  label: string;
  value: string;
  note?: string;
  testId: string;
}) {
  return (
    <Card withBorder padding="sm" data-testid={testId}>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text size="xl" fw={700}>
        {value}
      </Text>
      {note && (
        <Text size="xs" c="dimmed">
          {note}
        </Text>
      )}
    </Card>
  );
}

function Kpis({ d }: { d: Dashboard }) {
  const { t } = useTranslation();
  const r = d.retention;
  return (
    <SimpleGrid cols={{ base: 2, md: 3, xl: 5 }} data-testid="dashboard-kpis">
      <Kpi
        testId="kpi-refund-rate"
        label={t('dashboard.kpi.refundRate')}
        value={percent(d.refunds.refundRate)}
        note={t('dashboard.kpi.refundRateNote', {
          refunded: money(d.refunds.refunded.amountMinor, d.refunds.refunded.currency),
          revenue: money(d.refunds.revenue.amountMinor, d.refunds.revenue.currency),
        })}
      />
      <Kpi
        testId="kpi-goodwill"
        label={t('dashboard.kpi.goodwill')}
        value={money(d.refunds.goodwillCost.amountMinor, d.refunds.goodwillCost.currency)}
        note={t('dashboard.kpi.goodwillNote', { count: d.totals.exceptions, n: number(d.totals.exceptions) })}
      />
      <Kpi
        testId="kpi-decision"
        label={t('dashboard.kpi.decision')}
        value={hours(d.decisionTime.medianHours)}
        note={t('dashboard.kpi.decisionNote', {
          target: number(d.decisionTime.targetHours),
          share: percent(d.decisionTime.withinTargetShare),
        })}
      />
      <Kpi
        testId="kpi-save-rate"
        label={t('dashboard.kpi.saveRate')}
        value={percent(r.offered.saveRate)}
        note={t('dashboard.kpi.saveRateNote', { holdout: percent(r.holdout.retentionRate) })}
      />
      <Kpi
        testId="kpi-satisfaction"
        label={t('dashboard.kpi.satisfaction')}
        value={number(d.satisfaction.average, 1)}
        note={t('dashboard.kpi.satisfactionNote', {
          count: d.satisfaction.answers,
          n: number(d.satisfaction.answers),
          low: number(d.satisfaction.low),
        })}
      />
    </SimpleGrid>
  );
}
