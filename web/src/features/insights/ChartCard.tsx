import { useTranslation } from 'react-i18next';
import { number } from '../../lib/format';
import { type Column, DashboardCard } from './dashboard-shared';
import type { DashboardFilters } from './insights.queries';

const SERIES = ['cancellations', 'refundRequests', 'exceptions'] as const;
const COLORS = { cancellations: 'blue.7', refundRequests: 'teal.8', exceptions: 'orange.8' } as const;

export type CountRow = { key: string; cancellations: number; refundRequests: number; exceptions: number };

/** A chart of cancellations, refund requests and exceptions per key (a bucket, a reason, an agent …). */
export function ChartCard<R extends CountRow>(props: {
  title: string;
  view: string;
  filters: DashboardFilters;
  rows: R[];
  keyLabel: string;
  label: (key: string, row: R) => string;
  line?: boolean;
  /** columns after the three counts (an agent's goodwill cost) */
  extraColumns?: Column<R & { label: string }>[];
  onPick: (key: string, label: string) => void;
}) {
  const { t } = useTranslation();
  const series = SERIES.map((s) => ({ name: s, label: t(`dashboard.series.${s}`), color: COLORS[s] }));
  const columns: Column<R & { label: string }>[] = [
    ...series.map((s) => ({ label: s.label, cell: (r: R) => number(r[s.name]) })),
    ...(props.extraColumns ?? []),
  ];
  return (
    <DashboardCard
      title={props.title}
      testId={props.view}
      csvView={props.view}
      filters={props.filters}
      rows={props.rows.map((r) => ({ ...r, label: props.label(r.key, r) }))}
      keyLabel={props.keyLabel}
      columns={columns}
      series={series}
      values={(r) => ({
        cancellations: r.cancellations,
        refundRequests: r.refundRequests,
        exceptions: r.exceptions,
      })}
      line={props.line}
      onPick={props.onPick}
    />
  );
}
