import { BarChart, LineChart } from '@mantine/charts';
import { Box, Button, Card, Group, Table, Text, Title, UnstyledButton } from '@mantine/core';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { number } from '../../lib/format';
import { useCancellationReasons } from '../cancellations/cancellations.queries';
import { useRefundReasons } from '../refunds/refunds.queries';
import { type DashboardFilters, dashboardSearch } from './insights.queries';

// What the dashboard's cards share: the bar a click picks, reason names, and one card shape —
// a chart with its legend, the numbers behind it as a table, a CSV of the same view, and the
// cases behind a bar where the API can list them.

/** The bar a click picked: `metric` and `dimension` as GET /api/insights/dashboard/cases takes them. */
export type DashboardPick = { metric: string; dimension: string; key: string; label: string };

/** A reason code's name in the UI language: refund and cancellation reasons share the charts. */
export function useReasonLabel(): (code: string) => string {
  const { i18n } = useTranslation();
  const lang = i18n.language.startsWith('en') ? 'en' : 'de';
  const refund = useRefundReasons().data;
  const cancellation = useCancellationReasons().data;
  const names = new Map<string, string>();
  for (const r of refund?.items ?? []) names.set(r.code, r[lang]);
  for (const group of cancellation?.items ?? [])
    for (const r of [group, ...group.children]) names.set(r.code, r.label[lang]);
  return (code) => names.get(code) ?? code;
}

/** The CSV link of one view with the page's filters, header row in the UI language. */
export function useCsvHref(filters: DashboardFilters, view: string): string {
  const { i18n } = useTranslation();
  const lang = i18n.language.startsWith('en') ? 'en' : 'de';
  return `/api/insights/dashboard.csv?${dashboardSearch(filters, { view, lang })}`;
}

export interface Series {
  name: string;
  label: string;
  /** a Mantine colour such as "teal.8" */
  color: string;
}

export interface Column<R> {
  label: string;
  cell: (row: R) => ReactNode;
}

/** A bar's name on a slanted axis, cut at 22 characters (the table and the tooltip have it whole). */
const shorten = (name: string) => (name.length > 22 ? `${name.slice(0, 21)}…` : name);

const evenTicks = ([lo, hi]: [number, number]) => {
  const step = hi - lo <= 1 ? 0.25 : 1;
  return Array.from({ length: Math.round((hi - lo) / step) + 1 }, (_, i) => lo + i * step);
};

const colorVar = (color: string) => `var(--mantine-color-${color.replace('.', '-')})`;

/**
 * The legend as plain HTML above the chart, in the series' order: it wraps onto a second line in a
 * narrow card instead of running past its right edge, as the chart library's legend did.
 */
export function SeriesLegend({ series }: { series: Series[] }) {
  return (
    <Group gap="md" justify="flex-end" wrap="wrap" mb={4} data-testid="chart-legend">
      {series.map((s) => (
        <Group key={s.name} gap={6} wrap="nowrap">
          <Box w={12} h={12} style={{ borderRadius: '50%', background: colorVar(s.color), flex: 'none' }} />
          <Text size="sm">{s.label}</Text>
        </Group>
      ))}
    </Group>
  );
}

/**
 * One dashboard card: title, a table toggle and a CSV link; the chart (a picture of the table, so
 * hidden from screen readers) or the table, whose first column opens the cases behind a row when
 * `onPick` is given. Test ids: `chart-<testId>` on the card, `table-<testId>` on its table.
 */
export function DashboardCard<R extends { key: string; label: string }>(props: {
  title: string;
  testId: string;
  csvView: string;
  filters: DashboardFilters;
  rows: R[];
  keyLabel: string;
  columns: Column<R>[];
  series: Series[];
  /** the chart's values of a row, by series name */
  values: (row: R) => Record<string, number | null>;
  valueFormatter?: (value: number) => string;
  /** the y axis' range, e.g. [0, 1] for shares */
  domain?: [number, number];
  line?: boolean;
  onPick?: (key: string, label: string) => void;
  /** a line above the chart or table (a total, a comparison) */
  summary?: ReactNode;
  /** a card with nothing to chart (one row of figures) shows its table only */
  tableOnly?: boolean;
}) {
  const { t } = useTranslation();
  const [asTable, setAsTable] = useState(false);
  const csv = useCsvHref(props.filters, props.csvView);
  const headingId = `chart-${props.testId}-title`;
  const format = props.valueFormatter ?? ((v: number) => number(v));
  const data = props.rows.map((r) => ({ ...props.values(r), key: r.key, label: r.label }));
  const showTable = asTable || props.tableOnly;
  const pick = props.onPick;
  const hint = props.line
    ? 'dashboard.tableHintLine'
    : pick
      ? 'dashboard.tableHint'
      : 'dashboard.tableHintNoCases';
  const yAxisProps = {
    allowDecimals: props.domain !== undefined,
    // even steps on a fixed range: 0, 25, 50, 75, 100 % or the stars 0–5
    ...(props.domain ? { domain: props.domain, ticks: evenTicks(props.domain) } : {}),
    width: 56,
  };
  // every bar gets its name (recharts would drop names that do not fit); slanted when there are many
  const slanted = data.length > 4;
  const xAxisProps = {
    interval: 0,
    ...(slanted ? { angle: -30, textAnchor: 'end' as const, height: 90, tickFormatter: shorten } : {}),
  };
  return (
    <Card
      withBorder
      padding="sm"
      component="section"
      aria-labelledby={headingId}
      data-testid={`chart-${props.testId}`}
    >
      <Group justify="space-between" mb="xs" wrap="nowrap" align="flex-start">
        <Title order={4} id={headingId}>
          {props.title}
        </Title>
        <Group gap="xs" wrap="nowrap">
          {!props.tableOnly && (
            <Button
              size="xs"
              variant={asTable ? 'filled' : 'default'}
              aria-pressed={asTable}
              onClick={() => setAsTable(!asTable)}
            >
              {t('dashboard.table')}
            </Button>
          )}
          <Button size="xs" variant="default" component="a" href={csv} download>
            {t('dashboard.csv')}
          </Button>
        </Group>
      </Group>
      {props.summary && (
        <Text size="sm" mb="xs" data-testid={`summary-${props.testId}`}>
          {props.summary}
        </Text>
      )}
      {data.length === 0 && <Text c="dimmed">{t('dashboard.empty')}</Text>}
      {data.length > 0 && !showTable && (
        // the chart is a picture of the table behind the "Tabelle" toggle, which keyboards and screen readers use
        <div aria-hidden="true">
          <SeriesLegend series={props.series} />
          {props.line ? (
            <LineChart
              h={240}
              data={data}
              dataKey="label"
              series={props.series}
              curveType="linear"
              lineChartProps={{ accessibilityLayer: false }}
              valueFormatter={format}
              yAxisProps={yAxisProps}
            />
          ) : (
            <BarChart
              h={slanted ? 320 : 240}
              data={data}
              dataKey="label"
              series={props.series}
              // room on the left for the first slanted name
              barChartProps={{
                accessibilityLayer: false,
                margin: slanted ? { left: 40, right: 8 } : undefined,
              }}
              valueFormatter={format}
              yAxisProps={yAxisProps}
              xAxisProps={xAxisProps}
              barProps={
                pick
                  ? {
                      cursor: 'pointer',
                      onClick: (bar: { payload?: { key?: string; label?: string } }) => {
                        if (bar.payload?.key) pick(bar.payload.key, bar.payload.label ?? bar.payload.key);
                      },
                    }
                  : {}
              }
            />
          )}
        </div>
      )}
      {data.length > 0 && !showTable && (
        <Text size="xs" c="dimmed" mt={4}>
          {t(hint)}
        </Text>
      )}
      {data.length > 0 && showTable && (
        <Table.ScrollContainer minWidth={420}>
          <Table striped data-testid={`table-${props.testId}`}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{props.keyLabel}</Table.Th>
                {props.columns.map((c) => (
                  <Table.Th key={c.label}>{c.label}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {props.rows.map((r) => (
                <Table.Tr key={r.key}>
                  <Table.Td>
                    {pick ? (
                      <UnstyledButton
                        td="underline"
                        c="blue.8"
                        onClick={() => pick(r.key, r.label)}
                        aria-label={t('dashboard.showCases', { label: r.label })}
                      >
                        {r.label}
                      </UnstyledButton>
                    ) : (
                      r.label
                    )}
                  </Table.Td>
                  {props.columns.map((c) => (
                    <Table.Td key={c.label}>{c.cell(r)}</Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Card>
  );
}
