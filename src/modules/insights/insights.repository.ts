import { type RawBuilder, sql } from 'kysely';
import type { Executor } from '../../platform/audit';
import type { DashboardDimension, DashboardMetric } from './insights.schemas';

// The dashboard's queries. Insights owns no table: every statement reads the desk's history of
// other modules (each join listed with its reason in ALLOWED_READ_JOINS). All of them start from
// one set of "events" — the cancellation requests and refund requests created in the period, with
// the account, plan and people they are grouped by — so the charts, the drilldown and the CSV
// count the same rows. Each statement scans the period once, through the created_at indexes.

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
 * The events of the period, one row each, with the columns every chart groups by. The bucket is
 * the first day of its day / ISO week / month in the business time zone, as text (YYYY-MM-DD).
 */
function eventsCte(f: EventFilter): RawBuilder<unknown> {
  const local = (col: string) => sql`(${sql.ref(col)} at time zone ${f.timeZone})`;
  const bucket = (col: string) => sql`to_char(date_trunc(${f.grain}, ${local(col)}), 'YYYY-MM-DD')`;
  const tenure = (col: string) => sql`case
      when ${sql.ref(col)} - a.signup_at <= interval '30 days' then '0-30'
      when ${sql.ref(col)} - a.signup_at <= interval '90 days' then '31-90'
      when ${sql.ref(col)} - a.signup_at <= interval '365 days' then '91-365'
      when ${sql.ref(col)} - a.signup_at <= interval '730 days' then '1-2y'
      else '2y+' end`;
  const common = (alias: 'c' | 'r') => {
    const conditions = [
      sql`${sql.ref(`${alias}.created_at`)} >= ${f.from}`,
      sql`${sql.ref(`${alias}.created_at`)} < ${f.to}`,
    ];
    if (f.channel) conditions.push(sql`a.acquisition_channel = ${f.channel}`);
    if (f.reason) conditions.push(sql`${sql.ref(`${alias}.reason_code`)} = ${f.reason}`);
    return sql.join(conditions, sql` and `);
  };
  const refundPlan = sql`coalesce(pl.code, pr.sku, 'other')`;
  return sql`ev as (
    select 'cancellation'::text as kind, c.id, c.case_id, c.account_id, a.account_number, c.created_at as at,
      ${bucket('c.created_at')} as bucket, c.reason_code as reason, pl.code as plan,
      a.acquisition_channel as channel, a.language::text as language, ${tenure('c.created_at')} as tenure,
      c.created_by as agent, null::text as approver, false as is_exception,
      c.refund_minor as amount_minor, c.currency,
      case when c.status in ('scheduled', 'cancelled') then 'cancelled'
        when c.status = 'retained' then 'retained'
        when c.status in ('withdrawn', 'revoked') then 'withdrawn'
        else 'open' end as outcome,
      null::timestamptz as decided_at, false as is_decided, false as is_approved,
      0::bigint as paid_minor, 0::bigint as goodwill_minor
    from cancellation_requests c
    join accounts a on a.id = c.account_id
    join subscriptions s on s.id = c.subscription_id
    join plans pl on pl.id = s.plan_id
    where ${common('c')}${f.plan ? sql` and pl.code = ${f.plan}` : sql``}
    union all
    select 'refund'::text, r.id, r.case_id, r.account_id, a.account_number, r.created_at,
      ${bucket('r.created_at')}, r.reason_code, ${refundPlan},
      a.acquisition_channel, a.language::text, ${tenure('r.created_at')},
      r.created_by, r.decided_by, (r.evaluation->>'inPolicy')::boolean is not true,
      coalesce(r.decided_minor, r.requested_minor), r.currency,
      case when r.status in ('approved', 'executed') then 'approved'
        when r.status = 'denied' then 'denied'
        when r.status = 'failed' then 'failed'
        else 'open' end,
      r.decided_at, r.decided_at is not null, r.decided_at is not null and r.status <> 'denied',
      case when r.status = 'executed' and r.currency = ${f.currency} then r.decided_minor else 0 end,
      case when r.status = 'executed' and r.currency = ${f.currency}
        and (r.evaluation->>'inPolicy')::boolean is not true then r.decided_minor else 0 end
    from refund_requests r
    join accounts a on a.id = r.account_id
    join payments p on p.id = r.payment_id
    left join subscriptions s on s.id = p.subscription_id
    left join plans pl on pl.id = s.plan_id
    left join orders o on o.id = coalesce(r.order_id, p.order_id)
    left join products pr on pr.id = o.product_id
    where ${common('r')}${f.plan ? sql` and ${refundPlan} = ${f.plan}` : sql``}
  )`;
}

const DIMENSIONS = [
  'bucket',
  'reason',
  'plan',
  'channel',
  'tenure',
  'language',
  'agent',
  'approver',
] as const;

/**
 * Counts by every chart's dimension in one statement (grouping sets): per bucket, reason, plan,
 * channel, tenure, language, agent and approver — cancellations, refund requests, exceptions,
 * decided and approved exceptions, paid out and goodwill; `dim` says which grouping a row is.
 */
export async function dashboardCounts(db: Executor, f: EventFilter) {
  const which = sql.join(
    DIMENSIONS.map((d) => sql`when grouping(${sql.ref(d)}) = 0 then ${d}`),
    sql` `,
  );
  const key = sql.join(
    DIMENSIONS.map((d) => sql`when grouping(${sql.ref(d)}) = 0 then ${sql.ref(d)}`),
    sql` `,
  );
  const sets = sql.join(
    DIMENSIONS.map((d) => sql`(${sql.ref(d)})`),
    sql`, `,
  );
  const { rows } = await sql<{
    dim: string;
    key: string | null;
    cancellations: number;
    refund_requests: number;
    exceptions: number;
    exceptions_decided: number;
    exceptions_approved: number;
    paid_minor: string | number;
    goodwill_minor: string | number;
  }>`with ${eventsCte(f)}
    select case ${which} else 'total' end as dim, case ${key} end as key,
      (count(*) filter (where kind = 'cancellation'))::int as cancellations,
      (count(*) filter (where kind = 'refund'))::int as refund_requests,
      (count(*) filter (where is_exception))::int as exceptions,
      (count(*) filter (where is_exception and is_decided))::int as exceptions_decided,
      (count(*) filter (where is_exception and is_approved))::int as exceptions_approved,
      coalesce(sum(paid_minor), 0) as paid_minor,
      coalesce(sum(goodwill_minor), 0) as goodwill_minor
    from ev
    group by grouping sets (${sets}, ())`.execute(db);
  return rows;
}
export type DashboardCountRow = Awaited<ReturnType<typeof dashboardCounts>>[number];

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
export async function decisionTimes(db: Executor, f: EventFilter, targetHours: number) {
  const { rows } = await sql<{
    decided: number;
    median: number | null;
    p90: number | null;
    within: number;
  }>`with ${eventsCte(f)}, d as (
      select extract(epoch from (decided_at - at)) / 3600.0 as hours from ev where kind = 'refund' and is_decided
    )
    select count(*)::int as decided,
      percentile_cont(0.5) within group (order by hours)::float8 as median,
      percentile_cont(0.9) within group (order by hours)::float8 as p90,
      (count(*) filter (where hours <= ${targetHours}))::int as within
    from d`.execute(db);
  return rows[0]!;
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
  if (f.channel) {
    const channel = f.channel;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('accounts as a')
          .select(sql`1`.as('one'))
          .whereRef('a.id', '=', 'p.account_id')
          .where('a.acquisition_channel', '=', channel),
      ),
    );
  }
  if (f.plan) {
    const plan = f.plan;
    q = q.where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom('subscriptions as s')
            .innerJoin('plans as pl', 'pl.id', 's.plan_id')
            .select(sql`1`.as('one'))
            .whereRef('s.id', '=', 'p.subscription_id')
            .where('pl.code', '=', plan),
        ),
        eb.exists(
          eb
            .selectFrom('orders as o')
            .innerJoin('products as pr', 'pr.id', 'o.product_id')
            .select(sql`1`.as('one'))
            .whereRef('o.id', '=', 'p.order_id')
            .where('pr.sku', '=', plan),
        ),
      ]),
    );
  }
  const row = await q.executeTakeFirstOrThrow();
  return row.revenue;
}

/** Survey ratings of the period's cases, by the request's reason, by its outcome, and overall. */
export async function satisfactionCounts(db: Executor, f: EventFilter) {
  const { rows } = await sql<{
    dim: 'reason' | 'outcome' | 'total';
    key: string | null;
    answers: number;
    rating_sum: number;
    low: number;
  }>`with ${eventsCte(f)}
    select case when grouping(ev.reason) = 0 then 'reason' when grouping(ev.outcome) = 0 then 'outcome' else 'total' end as dim,
      case when grouping(ev.reason) = 0 then ev.reason when grouping(ev.outcome) = 0 then ev.outcome end as key,
      count(*)::int as answers, coalesce(sum(sv.rating), 0)::int as rating_sum,
      (count(*) filter (where sv.rating <= 2))::int as low
    from ev
    join surveys sv on sv.case_id = ev.case_id and sv.state = 'answered' and sv.rating is not null
    group by grouping sets ((ev.reason), (ev.outcome), ())`.execute(db);
  return rows;
}

/**
 * The offers shown on the period's cancellation cases and their saves, per offer, and the
 * held-out cases with their retention: `offer` null is the holdout group.
 */
export async function offerCounts(db: Executor, f: EventFilter) {
  const { rows } = await sql<{
    offer_id: string | null;
    title_de: string | null;
    title_en: string | null;
    shown: number;
    accepted: number;
    held_out: number;
    confirmed: number;
    lost: number;
  }>`with ${eventsCte(f)}, cc as (select distinct case_id from ev where kind = 'cancellation'),
    e as (
      select oe.offer_id,
        count(distinct oe.case_id) filter (where oe.event = 'shown') as shown,
        count(distinct oe.case_id) filter (where oe.event = 'accepted') as accepted,
        count(distinct oe.case_id) filter (where oe.event = 'holdout') as held_out
      from offer_events oe join cc on cc.case_id = oe.case_id
      group by oe.offer_id
    ),
    w as (
      select case when w.holdout then null else w.offer_id end as offer_id,
        count(*) filter (where w.status = 'confirmed') as confirmed,
        count(*) filter (where w.status = 'lost') as lost
      from offer_save_watches w join cc on cc.case_id = w.case_id
      group by 1
    ),
    k as (select offer_id from e union select offer_id from w)
    select k.offer_id, o.title_de, o.title_en,
      coalesce(e.shown, 0)::int as shown, coalesce(e.accepted, 0)::int as accepted,
      coalesce(e.held_out, 0)::int as held_out,
      coalesce(w.confirmed, 0)::int as confirmed, coalesce(w.lost, 0)::int as lost
    from k
    left join e on e.offer_id is not distinct from k.offer_id
    left join w on w.offer_id is not distinct from k.offer_id
    left join retention_offers o on o.id = k.offer_id
    order by o.position nulls last, k.offer_id`.execute(db);
  return rows;
}

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
    select ev.kind, ev.id, ev.case_id, cs.case_number, cs.type as case_type, ev.account_id, ev.account_number,
      ev.reason, ev.plan, ev.channel, ev.is_exception, ev.amount_minor, ev.currency, ev.outcome, ev.at
    from ev join cases cs on cs.id = ev.case_id
    where ${sql.join(where, sql` and `)}
    order by ev.at desc, ev.id desc
    limit ${pick.limit + 1}`.execute(db);
  return rows;
}
