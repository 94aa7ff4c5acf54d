import { type RawBuilder, sql } from 'kysely';
import type { Executor } from '../../platform/audit';
import { COUNT_SETS, type CountDimension } from './dashboard';
import type { DashboardDimension, DashboardMetric } from './insights.schemas';

// The dashboard's queries. All of them start from one set of "events" — the cancellation requests
// and refund requests created in the period, with the plan, channel, language, tenure and people
// they are grouped by — so the charts, the drilldown and the CSV count the same rows. The events
// are insights' own table (insight_events, migration 0026), a projection the database's triggers
// keep in the same transaction as each request and survey change: each statement reads the period
// once through its (at, id) index, with no join to the accounts, payments or plans. The other
// modules' tables read here (each listed in ALLOWED_READ_JOINS) are revenue (payments), the offers
// and the display columns of the drilldown.

export interface EventFilter {
  /** First instant of the period (start of the first business day). */
  from: Date;
  /** First instant after the period. */
  to: Date;
  grain: 'day' | 'week' | 'month';
  timeZone: string;
  plan?: string;
  channel?: string;
  reason?: string;
  currency: string;
}

/**
 * The events of the period, one row each, with the columns every chart groups by: the dashboard's
 * own table (insight_events, kept by the database's triggers on the requests and surveys), read
 * by its (at, id) index. The bucket is the first day of its day / ISO week / month in the business
 * time zone, as text (YYYY-MM-DD). Paid-out money counts in the dashboard's currency only.
 */
function eventsCte(f: EventFilter, materialized = false): RawBuilder<unknown> {
  const conditions = [sql`e.at >= ${f.from}`, sql`e.at < ${f.to}`];
  if (f.channel) conditions.push(sql`e.channel = ${f.channel}`);
  if (f.reason) conditions.push(sql`e.reason = ${f.reason}`);
  if (f.plan) conditions.push(sql`e.plan = ${f.plan}`);
  const paid = sql`case when e.currency = ${f.currency} then e.paid_minor else 0 end`;
  return sql`ev as ${materialized ? sql`materialized` : sql``} (
    select e.kind, e.id, e.case_id, e.account_id, e.at,
      to_char(date_trunc(${f.grain}, e.at at time zone ${f.timeZone}), 'YYYY-MM-DD') as bucket,
      e.reason, e.plan, e.channel, e.language, e.tenure, e.agent, e.approver, e.is_exception,
      e.amount_minor, e.currency, e.outcome, e.decided_at, e.decided_at is not null as is_decided,
      e.is_approved, ${paid} as paid_minor, case when e.is_exception then ${paid} else 0 end as goodwill_minor,
      e.answers, e.rating_sum, e.low_ratings, e.offers_shown, e.offers_accepted, e.held_out,
      e.save_offer, e.save_status
    from insight_events e
    where ${sql.join(conditions, sql` and `)}
  )`;
}

/** One row of the counts statement: the grouping it belongs to (index into COUNT_SETS) and its keys. */
export type DashboardSetRow = { set: number } & Partial<Record<CountDimension, string | null>> &
  DashboardMeasures;

/** What every count row sums. */
export interface DashboardMeasures {
  cancellations: number;
  refund_requests: number;
  exceptions: number;
  exceptions_decided: number;
  exceptions_approved: number;
  paid_minor: string | number;
  goodwill_minor: string | number;
  answers: number;
  rating_sum: number;
  low: number;
}

/** Counts by one dimension (or 'total' for all of the period, with `key` null). */
export type DashboardCountRow = { dim: string; key: string | null } & DashboardMeasures;

/**
 * The counts of the period's events in one pass (grouping sets over `ev`, COUNT_SETS): cancellations,
 * refund requests, exceptions, decided and approved exceptions, paid out and goodwill, and the
 * survey answers of the events' cases (satisfaction by reason and by outcome).
 */
function countsSelect(): RawBuilder<unknown> {
  const which = sql.join(
    COUNT_SETS.map((set, i) => sql`when grouping(${sql.ref(set[0])}) = 0 then ${sql.lit(i)}`),
    sql` `,
  );
  const sets = sql.join(
    COUNT_SETS.map((set) => sql`(${sql.join(set.map((d) => sql.ref(d)))})`),
    sql`, `,
  );
  const keys = sql.join(COUNT_SETS.flat().map((d) => sql.ref(d)));
  return sql`select case ${which} end as set, ${keys},
      (count(*) filter (where kind = 'cancellation'))::int as cancellations,
      (count(*) filter (where kind = 'refund'))::int as refund_requests,
      (count(*) filter (where is_exception))::int as exceptions,
      (count(*) filter (where is_exception and is_decided))::int as exceptions_decided,
      (count(*) filter (where is_exception and is_approved))::int as exceptions_approved,
      coalesce(sum(paid_minor), 0) as paid_minor,
      coalesce(sum(goodwill_minor), 0) as goodwill_minor,
      coalesce(sum(answers), 0)::int as answers, coalesce(sum(rating_sum), 0)::int as rating_sum,
      coalesce(sum(low_ratings), 0)::int as low
    from ev
    group by grouping sets (${sets})`;
}

/** Display names of staff members, by id. */
export async function staffNames(db: Executor, ids: string[]) {
  if (ids.length === 0) return new Map<string, string>();
  const rows = await db
    .selectFrom('staff_users')
    .select(['id', 'display_name'])
    .where('id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

/** Median and 90th percentile of hours from request to decision, and how many within the target. */
function decisionsSelect(targetHours: number): RawBuilder<unknown> {
  // both percentiles from one sort of the period's decisions
  return sql`select decided, p[1] as median, p[2] as p90, within from (
    select count(*)::int as decided,
      percentile_cont(array[0.5, 0.9]) within group (order by hours)::float8[] as p,
      (count(*) filter (where hours <= ${targetHours}))::int as within
    from (
      select extract(epoch from (decided_at - at)) / 3600.0 as hours from ev where kind = 'refund' and is_decided
    ) d
  ) q`;
}

/** Payments received in the period (in the currency), for the refund rate; plan and channel apply. */
export async function revenueOf(db: Executor, f: EventFilter) {
  let q = db
    .selectFrom('payments as p')
    .select(sql<string | number>`coalesce(sum(p.amount_minor), 0)`.as('revenue'))
    .where('p.status', '=', 'succeeded')
    .where('p.currency', '=', f.currency)
    .where('p.paid_at', '>=', f.from)
    .where('p.paid_at', '<', f.to);
  // the filters as sets read once (hashed), not a lookup per payment of the period
  if (f.channel) {
    const channel = f.channel;
    q = q.where('p.account_id', 'in', (eb) =>
      eb.selectFrom('accounts as a').select('a.id').where('a.acquisition_channel', '=', channel),
    );
  }
  if (f.plan) {
    const plan = f.plan;
    q = q.where((eb) =>
      eb.or([
        eb(
          'p.subscription_id',
          'in',
          eb
            .selectFrom('subscriptions as s')
            .innerJoin('plans as pl', 'pl.id', 's.plan_id')
            .select('s.id')
            .where('pl.code', '=', plan),
        ),
        eb(
          'p.order_id',
          'in',
          eb
            .selectFrom('orders as o')
            .innerJoin('products as pr', 'pr.id', 'o.product_id')
            .select('o.id')
            .where('pr.sku', '=', plan),
        ),
      ]),
    );
  }
  const row = await q.executeTakeFirstOrThrow();
  return row.revenue;
}

/**
 * The offers shown on the period's cancellation cases and their saves, per offer, and the
 * held-out cases with their retention: `offer_id` null is the holdout group. In the offers' order.
 */
function offersSelect(): RawBuilder<unknown> {
  return sql`with cc as (
      select distinct on (case_id) case_id, offers_shown, offers_accepted, held_out, save_offer, save_status
      from ev where kind = 'cancellation' order by case_id
    ),
    e as (
      select offer_id, sum(shown)::int as shown, sum(accepted)::int as accepted, sum(held)::int as held_out
      from (
        select unnest(offers_shown) as offer_id, 1 as shown, 0 as accepted, 0 as held from cc
        union all select unnest(offers_accepted), 0, 1, 0 from cc
        union all select null, 0, 0, 1 from cc where cc.held_out
      ) x
      group by offer_id
    ),
    w as (
      select save_offer as offer_id,
        count(*) filter (where save_status = 'confirmed') as confirmed,
        count(*) filter (where save_status = 'lost') as lost
      from cc where save_status is not null
      group by 1
    ),
    k as (select offer_id from e union select offer_id from w)
    select k.offer_id, o.title_de, o.title_en,
      coalesce(e.shown, 0)::int as shown, coalesce(e.accepted, 0)::int as accepted,
      coalesce(e.held_out, 0)::int as held_out,
      coalesce(w.confirmed, 0)::int as confirmed, coalesce(w.lost, 0)::int as lost,
      row_number() over (order by o.position nulls last, k.offer_id) as ord
    from k
    left join e on e.offer_id is not distinct from k.offer_id
    left join w on w.offer_id is not distinct from k.offer_id
    left join retention_offers o on o.id = k.offer_id`;
}

export interface DashboardOfferRow {
  offer_id: string | null;
  title_de: string | null;
  title_en: string | null;
  shown: number;
  accepted: number;
  held_out: number;
  confirmed: number;
  lost: number;
}

export interface DashboardDecisionRow {
  decided: number;
  median: number | null;
  p90: number | null;
  within: number;
}

/**
 * The dashboard's figures in one statement and one pass over the period's events (read once into
 * a materialized CTE): the counts by every dimension, the decision times, and the offers. Sorting
 * and hashing the period need more than PostgreSQL's default 4 MB of work memory, or the planner
 * sorts on disk: run it after `allowDashboardMemory` in the same transaction.
 */
export async function dashboardFigures(db: Executor, f: EventFilter, targetHours: number) {
  const { rows } = await sql<{
    counts: DashboardSetRow[];
    decisions: DashboardDecisionRow;
    offers: Array<DashboardOfferRow & { ord: number }>;
  }>`with ${eventsCte(f, true)}
    select
      (select coalesce(json_agg(c), '[]'::json) from (${countsSelect()}) c) as counts,
      (select row_to_json(d) from (${decisionsSelect(targetHours)}) d) as decisions,
      (select coalesce(json_agg(o order by o.ord), '[]'::json) from (${offersSelect()}) o) as offers`.execute(
    db,
  );
  const row = rows[0]!;
  return { counts: row.counts, decisions: row.decisions, offers: row.offers.map(({ ord: _, ...o }) => o) };
}

/** The work memory of this transaction for the dashboard's statement (PostgreSQL's default is 4 MB). */
export async function allowDashboardMemory(trx: Executor) {
  await sql`select set_config('work_mem', ${DASHBOARD_WORK_MEM}, true)`.execute(trx);
}
/** Enough to hash the period's events by every dimension and sort a period's decisions in memory. */
const DASHBOARD_WORK_MEM = '32MB';

export interface EventPick {
  metric: DashboardMetric;
  dimension?: DashboardDimension;
  key?: string;
  after?: { at: Date; id: string };
  limit: number;
}

const PICK_METRIC: Record<DashboardMetric, RawBuilder<unknown>> = {
  all: sql`true`,
  cancellations: sql`ev.kind = 'cancellation'`,
  refundRequests: sql`ev.kind = 'refund'`,
  exceptions: sql`ev.is_exception`,
};

/** The events behind one bar, newest first, keyset-paginated, with the case number. */
export async function listEvents(db: Executor, f: EventFilter, pick: EventPick) {
  const where = [PICK_METRIC[pick.metric]];
  if (pick.dimension && pick.key !== undefined)
    where.push(sql`${sql.ref(`ev.${pick.dimension}`)} = ${pick.key}`);
  const after = pick.after;
  if (after) where.push(sql`(ev.at < ${after.at} or (ev.at = ${after.at} and ev.id < ${after.id}))`);
  const { rows } = await sql<{
    kind: 'cancellation' | 'refund';
    id: string;
    case_id: string;
    case_number: string;
    case_type: string;
    account_id: string;
    account_number: string;
    reason: string;
    plan: string;
    channel: string;
    is_exception: boolean;
    amount_minor: string | number | null;
    currency: string | null;
    outcome: string;
    at: Date;
  }>`with ${eventsCte(f)}
    select ev.kind, ev.id, ev.case_id, cs.case_number, cs.type as case_type, ev.account_id, a.account_number,
      ev.reason, ev.plan, ev.channel, ev.is_exception, ev.amount_minor, ev.currency, ev.outcome, ev.at
    from ev join cases cs on cs.id = ev.case_id join accounts a on a.id = ev.account_id
    where ${sql.join(where, sql` and `)}
    order by ev.at desc, ev.id desc
    limit ${pick.limit + 1}`.execute(db);
  return rows;
}
