import { addDays, addMonths, businessDate, daysBetween, startOfBusinessDate } from '../../platform/clock';
import { DomainError } from '../../platform/errors';
import { type Money, moneyFromColumn, moneyRatio } from '../../platform/money';
import { QUEUE_TARGET_HOURS } from '../refunds';
import { InsightsErrors } from './insights.errors';
import type {
  DashboardCountRow,
  DashboardMeasures,
  DashboardSetRow,
  EventFilter,
} from './insights.repository';
import {
  DASHBOARD_MAX_DAYS,
  type Dashboard,
  type DashboardFilter,
  type DashboardQuery,
  TENURE_BUCKETS,
} from './insights.schemas';

// The pure half of the dashboard: the period and its buckets from the query, and the response
// assembled from the grouped rows the repository returns.

/**
 * How long a refund decision may take, counted from the request: the desk's own target, the one the
 * exceptions queue marks requests overdue by (refunds' QUEUE_TARGET_HOURS), so both say the same.
 */
export const DECISION_TARGET_HOURS = QUEUE_TARGET_HOURS;
/** The default period: the last 90 calendar days, today included. */
export const DEFAULT_DAYS = 90;

/** The filters with their defaults (today, 90 days back), refusing a period longer than two years. */
export function resolveFilter(query: DashboardQuery, now: Date, timeZone: string): DashboardFilter {
  const to = query.to ?? (query.from ? addDays(query.from, DEFAULT_DAYS - 1) : businessDate(now, timeZone));
  const from = query.from ?? addDays(to, -(DEFAULT_DAYS - 1));
  if (from > to)
    throw new DomainError(InsightsErrors.DASHBOARD_PERIOD_INVALID, 'The period ends before it starts', {
      field: 'querystring.to',
    });
  if (daysBetween(from, to) >= DASHBOARD_MAX_DAYS)
    throw new DomainError(InsightsErrors.DASHBOARD_PERIOD_INVALID, 'The period is longer than two years', {
      field: 'querystring.from',
    });
  return {
    from,
    to,
    grain: query.grain,
    currency: query.currency,
    ...(query.plan ? { plan: query.plan } : {}),
    ...(query.channel ? { channel: query.channel } : {}),
    ...(query.reason ? { reason: query.reason } : {}),
  };
}

/** The repository's filter: the period as instants in the business time zone. */
export function eventFilterOf(f: DashboardFilter, timeZone: string): EventFilter {
  return {
    ...f,
    timeZone,
    from: startOfBusinessDate(f.from, timeZone),
    to: startOfBusinessDate(addDays(f.to, 1), timeZone),
  };
}

/** The first day of every bucket from `from` to `to`: days, ISO weeks (Mondays) or months. */
export function bucketsOf(from: string, to: string, grain: DashboardFilter['grain']): string[] {
  let first = from;
  if (grain === 'week') first = addDays(from, -((new Date(`${from}T00:00:00Z`).getUTCDay() + 6) % 7));
  if (grain === 'month') first = `${from.slice(0, 7)}-01`;
  const step = (d: string) =>
    grain === 'day' ? addDays(d, 1) : grain === 'week' ? addDays(d, 7) : addMonths(d, 1);
  // compared as instants, not as text: a step past 9999-12-31 is written "+010000-01-01", which
  // sorts before "9999-…" as text and would never end the loop
  const end = Date.parse(`${to}T00:00:00Z`);
  const buckets: string[] = [];
  for (let b = first; Date.parse(`${b}T00:00:00Z`) <= end; b = step(b)) buckets.push(b);
  return buckets;
}

/**
 * The groupings the counts statement makes: one per chart that reads alone (the time series) and
 * pairs of dimensions with few values each, so each event is hashed five times instead of ten;
 * the counts by one dimension are the sums over its pair (`countsByDimension` in dashboard.ts).
 */
export const COUNT_SETS = [
  ['bucket'],
  ['reason', 'outcome'],
  ['plan', 'channel'],
  ['tenure', 'language'],
  ['agent', 'approver'],
] as const;
export type CountDimension = (typeof COUNT_SETS)[number][number];

const MEASURES = [
  'cancellations',
  'refund_requests',
  'exceptions',
  'exceptions_decided',
  'exceptions_approved',
  'answers',
  'rating_sum',
  'low',
] as const;

/**
 * The counts by each dimension and in all, from the counts statement's groupings: a dimension's
 * row is the sum of the rows of its pair with the same key (the time series' rows sum to the
 * total). Money sums are added as integers (BigInt), so no minor unit is lost at any size.
 */
export function countsByDimension(rows: DashboardSetRow[]): DashboardCountRow[] {
  const sums = new Map<string, DashboardCountRow>();
  const add = (dim: string, key: string | null, r: DashboardSetRow) => {
    const id = `${dim}\u0000${key ?? '\u0001'}`;
    let row = sums.get(id);
    if (!row) {
      row = { dim, key, paid_minor: '0', goodwill_minor: '0', ...zeroMeasures() };
      sums.set(id, row);
    }
    for (const m of MEASURES) row[m] += r[m];
    row.paid_minor = (BigInt(row.paid_minor) + BigInt(r.paid_minor)).toString();
    row.goodwill_minor = (BigInt(row.goodwill_minor) + BigInt(r.goodwill_minor)).toString();
  };
  add('total', null, { set: 0, paid_minor: 0, goodwill_minor: 0, ...zeroMeasures() });
  for (const r of rows) {
    const set = COUNT_SETS[r.set];
    if (!set) throw new Error(`count row of an unknown grouping ${r.set}`);
    for (const dim of set) add(dim, r[dim] ?? null, r);
    if (r.set === 0) add('total', null, r);
  }
  return [...sums.values()];
}

const zeroMeasures = (): Omit<DashboardMeasures, 'paid_minor' | 'goodwill_minor'> => ({
  cancellations: 0,
  refund_requests: 0,
  exceptions: 0,
  exceptions_decided: 0,
  exceptions_approved: 0,
  answers: 0,
  rating_sum: 0,
  low: 0,
});

export const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);
const num = (v: string | number) => Number(v);

interface Rows {
  counts: DashboardCountRow[];
  names: Map<string, string>;
  revenue: string | number;
  decisions: { decided: number; median: number | null; p90: number | null; within: number };
  offers: Array<{
    offer_id: string | null;
    title_de: string | null;
    title_en: string | null;
    shown: number;
    accepted: number;
    held_out: number;
    confirmed: number;
    lost: number;
  }>;
}

const byVolume = <T extends { key: string; cancellations: number; refundRequests: number }>(rows: T[]) =>
  rows.sort(
    (a, b) =>
      b.cancellations + b.refundRequests - (a.cancellations + a.refundRequests) || a.key.localeCompare(b.key),
  );

const countsOf = (r: DashboardCountRow | undefined) => ({
  cancellations: r?.cancellations ?? 0,
  refundRequests: r?.refund_requests ?? 0,
  exceptions: r?.exceptions ?? 0,
});

/** The response from the grouped rows; `restricted` withholds goodwill per person (agents). */
export function assembleDashboard(
  f: DashboardFilter,
  timeZone: string,
  rows: Rows,
  restricted: boolean,
): Dashboard {
  const dim = (d: string) => rows.counts.filter((r) => r.dim === d && r.key !== null);
  const money = (v: string | number): Money => moneyFromColumn(v, f.currency);
  const rowsOf = (d: string) => byVolume(dim(d).map((r) => ({ key: r.key!, ...countsOf(r) })));
  const total = rows.counts.find((r) => r.dim === 'total');
  const byBucket = new Map(dim('bucket').map((r) => [r.key!, r]));
  const byTenure = new Map(dim('tenure').map((r) => [r.key!, r]));
  const refunded = money(total?.paid_minor ?? 0);
  const revenue = money(rows.revenue);
  const approval = (r: DashboardCountRow) => ({
    key: r.key!,
    decided: r.exceptions_decided,
    approved: r.exceptions_approved,
    rate: ratio(r.exceptions_approved, r.exceptions_decided),
  });
  return {
    period: { from: f.from, to: f.to, grain: f.grain, timeZone, currency: f.currency },
    filters: { plan: f.plan ?? null, channel: f.channel ?? null, reason: f.reason ?? null },
    restricted,
    totals: countsOf(total),
    timeline: bucketsOf(f.from, f.to, f.grain).map((bucket) => ({
      bucket,
      ...countsOf(byBucket.get(bucket)),
    })),
    breakdowns: {
      reason: rowsOf('reason'),
      plan: rowsOf('plan'),
      channel: rowsOf('channel'),
      tenure: TENURE_BUCKETS.map((key) => ({ key, ...countsOf(byTenure.get(key)) })),
      language: rowsOf('language'),
      agent: byVolume(
        dim('agent').map((r) => ({
          key: r.key!,
          name: rows.names.get(r.key!) ?? null,
          ...countsOf(r),
          goodwillCost: restricted ? null : money(r.goodwill_minor),
        })),
      ),
    },
    exceptionApproval: {
      byReason: dim('reason')
        .filter((r) => r.exceptions > 0)
        .map(approval)
        .sort((a, b) => b.decided - a.decided || a.key.localeCompare(b.key)),
      byApprover: dim('approver')
        .filter((r) => r.exceptions_decided > 0)
        .map((r) => ({
          ...approval(r),
          name: rows.names.get(r.key!) ?? null,
          goodwillCost: restricted ? null : money(r.goodwill_minor),
        }))
        .sort((a, b) => b.decided - a.decided || a.key.localeCompare(b.key)),
    },
    refunds: {
      refunded,
      revenue,
      // basis points through platform/money, so the rate is the money's own ratio, not a float sum
      refundRate: revenue.amountMinor > 0 ? moneyRatio(refunded, revenue, 10_000) / 10_000 : null,
      goodwillCost: money(total?.goodwill_minor ?? 0),
    },
    decisionTime: {
      targetHours: DECISION_TARGET_HOURS,
      decided: rows.decisions.decided,
      medianHours: roundHours(rows.decisions.median),
      p90Hours: roundHours(rows.decisions.p90),
      withinTarget: rows.decisions.within,
      withinTargetShare: ratio(rows.decisions.within, rows.decisions.decided),
    },
    retention: retentionOf(rows.offers),
    satisfaction: satisfactionOf(rows.counts),
  };
}

const roundHours = (h: number | null) => (h === null ? null : Math.round(num(h) * 10) / 10);

function retentionOf(rows: Rows['offers']): Dashboard['retention'] {
  const offers = rows
    .filter((r) => r.offer_id !== null)
    .map((r) => ({
      key: r.offer_id!,
      title: { de: r.title_de ?? r.offer_id!, en: r.title_en ?? r.offer_id! },
      shown: r.shown,
      accepted: r.accepted,
      saves: r.confirmed,
      saveRate: ratio(r.confirmed, r.shown),
    }));
  const held = rows.find((r) => r.offer_id === null);
  const shownCases = offers.reduce((n, o) => n + o.shown, 0);
  const saves = offers.reduce((n, o) => n + o.saves, 0);
  const saveRate = ratio(saves, shownCases);
  const retained = held?.confirmed ?? 0;
  const lost = held?.lost ?? 0;
  const retentionRate = ratio(retained, retained + lost);
  return {
    offers,
    offered: { cases: shownCases, saves, saveRate },
    holdout: { cases: held?.held_out ?? 0, retained, lost, retentionRate },
    lift: saveRate === null || retentionRate === null ? null : saveRate - retentionRate,
  };
}

/** Satisfaction from the counts' rows: by reason and by outcome, those with answers, and overall. */
function satisfactionOf(rows: DashboardCountRow[]): Dashboard['satisfaction'] {
  const line = (r: DashboardCountRow) => ({
    key: r.key!,
    answers: r.answers,
    average: r.answers === 0 ? null : Math.round((r.rating_sum / r.answers) * 100) / 100,
    low: r.low,
  });
  const of = (d: string) =>
    rows
      .filter((r) => r.dim === d && r.key !== null && r.answers > 0)
      .map(line)
      .sort((a, b) => b.answers - a.answers || a.key.localeCompare(b.key));
  const total = rows.find((r) => r.dim === 'total');
  return {
    answers: total?.answers ?? 0,
    average: total && total.answers > 0 ? Math.round((total.rating_sum / total.answers) * 100) / 100 : null,
    low: total?.low ?? 0,
    byReason: of('reason'),
    byOutcome: of('outcome'),
  };
}
