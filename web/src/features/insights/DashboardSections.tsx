import { SimpleGrid } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { hours, money, number, percent } from '../../lib/format';
import { ChartCard } from './ChartCard';
import { type Column, DashboardCard, type DashboardPick } from './dashboard-shared';
import type { Dashboard, DashboardFilters } from './insights.queries';

// The dashboard's sections below the volume charts (issue 11): volume by language and by agent,
// exception approval by reason and by approver, offers against the holdout, time to decision
// against the target, satisfaction by reason and by outcome. Each card has the table toggle and
// the CSV of its view; a row opens its cases where GET /dashboard/cases can list them.

interface SectionProps {
  d: Dashboard;
  filters: DashboardFilters;
  onPick: (pick: DashboardPick) => void;
  reasonLabel: (code: string) => string;
}

type Money = { amountMinor: number; currency: string } | null;
const goodwill = (m: Money) => (m ? money(m.amountMinor, m.currency) : '–');
/** A difference of two shares in percentage points, with its sign ("+12,3 Pp." / "+12.3 pp"). */
function usePoints(): (diff: number | null) => string {
  const { t } = useTranslation();
  return (diff) =>
    diff === null ? '–' : t('dashboard.points', { value: `${diff > 0 ? '+' : ''}${number(diff * 100, 1)}` });
}

export function DashboardSections(props: SectionProps) {
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }} data-testid="dashboard-more">
      <ByLanguage {...props} />
      <ByAgent {...props} />
      <ApprovalByReason {...props} />
      <ApprovalByApprover {...props} />
      <Offers {...props} />
      <DecisionTime {...props} />
      <Satisfaction {...props} by="reason" />
      <Satisfaction {...props} by="outcome" />
    </SimpleGrid>
  );
}

function ByLanguage({ d, filters, onPick }: SectionProps) {
  const { t } = useTranslation();
  return (
    <ChartCard
      title={t('dashboard.byLanguage')}
      view="language"
      filters={filters}
      rows={d.breakdowns.language}
      keyLabel={t('dashboard.language')}
      label={(k) => t(`languages.${k}`, { defaultValue: k })}
      onPick={(key, label) => onPick({ metric: 'all', dimension: 'language', key, label })}
    />
  );
}

function ByAgent({ d, filters, onPick }: SectionProps) {
  const { t } = useTranslation();
  type Row = Dashboard['breakdowns']['agent'][number] & { label: string };
  // an agent's dashboard has no goodwill per person (restricted): no column, as in its CSV
  const extra: Column<Row>[] = d.restricted
    ? []
    : [{ label: t('dashboard.goodwill'), cell: (r) => goodwill(r.goodwillCost) }];
  return (
    <ChartCard
      title={t('dashboard.byAgent')}
      view="agent"
      filters={filters}
      rows={d.breakdowns.agent}
      keyLabel={t('dashboard.agent')}
      label={(k, r) => r.name ?? k}
      extraColumns={extra}
      onPick={(key, label) => onPick({ metric: 'all', dimension: 'agent', key, label })}
    />
  );
}

const approvalSeries = (label: string) => [{ name: 'rate', label, color: 'orange.8' }];

function ApprovalByReason({ d, filters, onPick, reasonLabel }: SectionProps) {
  const { t } = useTranslation();
  const rows = d.exceptionApproval.byReason.map((r) => ({ ...r, label: reasonLabel(r.key) }));
  return (
    <DashboardCard
      title={t('dashboard.approvalByReason')}
      testId="exceptionsByReason"
      csvView="exceptionsByReason"
      filters={filters}
      rows={rows}
      keyLabel={t('dashboard.reason')}
      columns={[
        { label: t('dashboard.decided'), cell: (r) => number(r.decided) },
        { label: t('dashboard.approved'), cell: (r) => number(r.approved) },
        { label: t('dashboard.approvalRate'), cell: (r) => percent(r.rate) },
      ]}
      series={approvalSeries(t('dashboard.approvalRate'))}
      values={(r) => ({ rate: r.rate })}
      valueFormatter={(v) => percent(v)}
      domain={[0, 1]}
      onPick={(key, label) =>
        onPick({
          metric: 'exceptions',
          dimension: 'reason',
          key,
          label: t('dashboard.exceptionsOf', { label }),
        })
      }
    />
  );
}

function ApprovalByApprover({ d, filters, onPick }: SectionProps) {
  const { t } = useTranslation();
  const rows = d.exceptionApproval.byApprover.map((r) => ({ ...r, label: r.name ?? r.key }));
  const columns: Column<(typeof rows)[number]>[] = [
    { label: t('dashboard.decided'), cell: (r) => number(r.decided) },
    { label: t('dashboard.approved'), cell: (r) => number(r.approved) },
    { label: t('dashboard.approvalRate'), cell: (r) => percent(r.rate) },
    ...(d.restricted
      ? []
      : [{ label: t('dashboard.goodwill'), cell: (r: (typeof rows)[number]) => goodwill(r.goodwillCost) }]),
  ];
  return (
    <DashboardCard
      title={t('dashboard.approvalByApprover')}
      testId="exceptionsByApprover"
      csvView="exceptionsByApprover"
      filters={filters}
      rows={rows}
      keyLabel={t('dashboard.approver')}
      columns={columns}
      series={approvalSeries(t('dashboard.approvalRate'))}
      values={(r) => ({ rate: r.rate })}
      valueFormatter={(v) => percent(v)}
      domain={[0, 1]}
      onPick={(key, label) =>
        onPick({
          metric: 'exceptions',
          dimension: 'approver',
          key,
          label: t('dashboard.exceptionsOf', { label }),
        })
      }
    />
  );
}

function Offers({ d, filters }: SectionProps) {
  const { t, i18n } = useTranslation();
  const points = usePoints();
  const lang = i18n.language.startsWith('en') ? 'en' : 'de';
  const r = d.retention;
  type Row = {
    key: string;
    label: string;
    shown: number;
    accepted: number | null;
    saves: number;
    rate: number | null;
  };
  const rows: Row[] = [
    ...r.offers.map((o) => ({
      key: o.key,
      label: o.title[lang],
      shown: o.shown,
      accepted: o.accepted,
      saves: o.saves,
      rate: o.saveRate,
    })),
    {
      key: 'holdout',
      label: t('dashboard.holdout'),
      shown: r.holdout.cases,
      accepted: null,
      saves: r.holdout.retained,
      rate: r.holdout.retentionRate,
    },
  ];
  return (
    <DashboardCard
      title={t('dashboard.offersTitle')}
      testId="offers"
      csvView="offers"
      filters={filters}
      rows={r.offers.length === 0 && r.holdout.cases === 0 ? [] : rows}
      keyLabel={t('dashboard.offer')}
      columns={[
        { label: t('dashboard.shown'), cell: (x) => number(x.shown) },
        { label: t('dashboard.accepted'), cell: (x) => number(x.accepted) },
        { label: t('dashboard.saves'), cell: (x) => number(x.saves) },
        { label: t('dashboard.saveRate'), cell: (x) => percent(x.rate) },
      ]}
      series={[{ name: 'rate', label: t('dashboard.saveRate'), color: 'teal.8' }]}
      values={(x) => ({ rate: x.rate })}
      valueFormatter={(v) => percent(v)}
      domain={[0, 1]}
      summary={t('dashboard.liftSummary', {
        saveRate: percent(r.offered.saveRate),
        holdout: percent(r.holdout.retentionRate),
        lift: points(r.lift),
      })}
    />
  );
}

function DecisionTime({ d, filters }: SectionProps) {
  const { t } = useTranslation();
  const x = d.decisionTime;
  const rows = [
    { key: 'median', label: t('dashboard.decision.median'), hours: x.medianHours },
    { key: 'p90', label: t('dashboard.decision.p90'), hours: x.p90Hours },
    { key: 'target', label: t('dashboard.decision.target'), hours: x.targetHours },
  ];
  return (
    <DashboardCard
      title={t('dashboard.decisionTitle')}
      testId="decisionTime"
      csvView="summary"
      filters={filters}
      rows={x.decided === 0 ? [] : rows}
      keyLabel={t('dashboard.figure')}
      columns={[{ label: t('dashboard.hours'), cell: (r) => hours(r.hours) }]}
      series={[{ name: 'hours', label: t('dashboard.hours'), color: 'blue.7' }]}
      values={(r) => ({ hours: r.hours })}
      valueFormatter={(v) => hours(v)}
      summary={t('dashboard.decisionSummary', {
        within: number(x.withinTarget),
        decided: number(x.decided),
        target: number(x.targetHours),
        share: percent(x.withinTargetShare),
      })}
    />
  );
}

function Satisfaction({ d, filters, onPick, reasonLabel, by }: SectionProps & { by: 'reason' | 'outcome' }) {
  const { t } = useTranslation();
  const source = by === 'reason' ? d.satisfaction.byReason : d.satisfaction.byOutcome;
  const label = (k: string) =>
    by === 'reason' ? reasonLabel(k) : t(`dashboard.outcomes.${k}`, { defaultValue: k });
  const rows = source.map((r) => ({ ...r, label: label(r.key) }));
  const view = by === 'reason' ? 'satisfactionByReason' : 'satisfactionByOutcome';
  return (
    <DashboardCard
      title={t(by === 'reason' ? 'dashboard.satisfactionByReason' : 'dashboard.satisfactionByOutcome')}
      testId={view}
      csvView={view}
      filters={filters}
      rows={rows}
      keyLabel={t(by === 'reason' ? 'dashboard.reason' : 'dashboard.outcome')}
      columns={[
        { label: t('dashboard.answers'), cell: (r) => number(r.answers) },
        { label: t('dashboard.average'), cell: (r) => number(r.average, 2) },
        { label: t('dashboard.low'), cell: (r) => number(r.low) },
      ]}
      series={[{ name: 'average', label: t('dashboard.average'), color: 'violet.8' }]}
      values={(r) => ({ average: r.average })}
      valueFormatter={(v) => number(v, 2)}
      domain={[0, 5]}
      summary={t('dashboard.lowSummary', {
        count: d.satisfaction.answers,
        low: number(d.satisfaction.low),
        answers: number(d.satisfaction.answers),
      })}
      onPick={(key, l) => onPick({ metric: 'all', dimension: by, key, label: l })}
    />
  );
}
