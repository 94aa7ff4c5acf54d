import type { Insertable, Updateable } from 'kysely';
import { sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { AuditInsert, Executor } from '../../platform/audit';
import { notFound } from '../../platform/errors';
import { timestampsFromJson } from '../../platform/json-rows';
import { serializeLimit } from '../../platform/limits';
import { RefundErrors } from './refunds.errors';
import type {
  RefundDecisionKeysTable,
  RefundExecutionsTable,
  RefundRequestEventsTable,
  RefundRequestEvidenceTable,
  RefundRequestStatus,
  RefundRequestsTable,
} from './refunds.table';

// ---- requests ----------------------------------------------------------------------------------

const request = (db: Executor) => db.selectFrom('refund_requests').selectAll();

export type RefundRequestRow = NonNullable<Awaited<ReturnType<typeof findRefundRequest>>>;

export function findRefundRequest(db: Executor, id: string) {
  return request(db).where('id', '=', id).executeTakeFirst();
}

/** The request's row, or REFUND_REQUEST_NOT_FOUND naming `field`. */
export async function findRefundRequestOrThrow(db: Executor, id: string, field = 'params.id') {
  const row = await findRefundRequest(db, id);
  if (!row) throw notFound(RefundErrors.REFUND_REQUEST_NOT_FOUND, 'Refund request', id, field);
  return row;
}

/**
 * The request with its history (in order), executions (oldest first) and evidence (without the
 * bytes, oldest first), in one statement: what the request view shows. REFUND_REQUEST_NOT_FOUND
 * naming `field` when there is none.
 */
export async function findRefundRequestViewOrThrow(db: Executor, id: string, field = 'params.id') {
  const found = await db
    .selectFrom('refund_requests')
    .selectAll('refund_requests')
    .select((eb) => [
      jsonArrayFrom(
        eb
          .selectFrom('refund_request_events as ev')
          .selectAll('ev')
          .whereRef('ev.request_id', '=', 'refund_requests.id')
          .orderBy('ev.id'),
      ).as('history_json'),
      jsonArrayFrom(
        eb
          .selectFrom('refund_executions as ex')
          .selectAll('ex')
          .whereRef('ex.request_id', '=', 'refund_requests.id')
          .orderBy('ex.created_at')
          .orderBy('ex.id'),
      ).as('executions_json'),
      jsonArrayFrom(
        eb
          .selectFrom('refund_request_evidence as evi')
          .select(EVIDENCE_LIST_COLUMNS.map((c) => `evi.${c}` as const))
          .whereRef('evi.request_id', '=', 'refund_requests.id')
          .orderBy('evi.uploaded_at')
          .orderBy('evi.id'),
      ).as('evidence_json'),
    ])
    .where('refund_requests.id', '=', id)
    .executeTakeFirst();
  if (!found) throw notFound(RefundErrors.REFUND_REQUEST_NOT_FOUND, 'Refund request', id, field);
  const { history_json, executions_json, evidence_json, ...row } = found;
  return {
    row,
    events: history_json.map((e) => ({ ...e, at: new Date(e.at) })),
    executions: executions_json.map(timestampsFromJson),
    evidence: evidence_json.map(timestampsFromJson),
  };
}

/** The request's row, locked for the rest of the transaction (one decision at a time). */
export async function lockRefundRequestOrThrow(trx: Executor, id: string, field = 'params.id') {
  const row = await request(trx).where('id', '=', id).forUpdate().executeTakeFirst();
  if (!row) throw notFound(RefundErrors.REFUND_REQUEST_NOT_FOUND, 'Refund request', id, field);
  return row;
}

/** Serialises intakes under one actor's Idempotency-Key until the transaction ends. */
export function serializeIntakeKey(trx: Executor, actorId: string, key: string) {
  return serializeLimit(trx, `refund-request-key:${actorId}:${key}`);
}

export function findRefundRequestByKey(db: Executor, actorId: string, key: string) {
  return request(db).where('created_by', '=', actorId).where('idempotency_key', '=', key).executeTakeFirst();
}

/**
 * A new request with its first history rows (in order) and the audit event of its creation, in
 * one statement: the request and its history commit together or not at all.
 */
export async function insertRefundRequestWithHistory(
  trx: Executor,
  row: Insertable<RefundRequestsTable>,
  events: Insertable<RefundRequestEventsTable>[],
  audit: AuditInsert,
): Promise<void> {
  await trx
    .with('audit', () => audit)
    .with('request', (db) => db.insertInto('refund_requests').values(row).returning('id'))
    .insertInto('refund_request_events')
    .values(events)
    .execute();
}

/**
 * Changes a request (its status and what changes with it), its history rows and the audit event,
 * and records the decision's Idempotency-Key when there is one, in one statement.
 */
export async function updateRefundRequestWithHistory(
  trx: Executor,
  id: string,
  set: Updateable<RefundRequestsTable>,
  events: Insertable<RefundRequestEventsTable>[],
  audit: AuditInsert,
  decisionKey?: Insertable<RefundDecisionKeysTable>,
): Promise<void> {
  const change = trx
    .with('audit', () => audit)
    .with('changed', (db) => db.updateTable('refund_requests').set(set).where('id', '=', id).returning('id'));
  if (!decisionKey) {
    await change.insertInto('refund_request_events').values(events).execute();
    return;
  }
  await change
    .with('decision_key', (db) =>
      db.insertInto('refund_decision_keys').values(decisionKey).returning('request_id'),
    )
    .insertInto('refund_request_events')
    .values(events)
    .execute();
}

export function listCaseRefundRequests(db: Executor, caseId: string) {
  return request(db).where('case_id', '=', caseId).orderBy('created_at').orderBy('id').limit(200).execute();
}

/**
 * In one statement what an evaluation reads of the account's earlier requests: their times since
 * `since` (newest first, at most `limit`: how often the customer asked), and the stored evaluation of the requests the refund
 * desk executed as one of billing's `refs` (listExecutionBases).
 */
export async function findAccountRequestHistory(
  db: Executor,
  input: { accountId: string; since: Date; limit: number; refs: string[] },
) {
  const row = await db
    .selectNoFrom((eb) => [
      jsonArrayFrom(
        eb
          .selectFrom('refund_requests')
          .select(['id', 'created_at'])
          .where('account_id', '=', input.accountId)
          .where('created_at', '>=', input.since)
          .orderBy('created_at', 'desc')
          .limit(input.limit),
      ).as('requests'),
      jsonArrayFrom(
        eb
          .selectFrom('refund_requests')
          .select(['execution_ref', 'evaluation'])
          .where('account_id', '=', input.accountId)
          .where((w) => (input.refs.length ? w('execution_ref', 'in', input.refs) : w.lit(false))),
      ).as('bases'),
    ])
    .executeTakeFirstOrThrow();
  return { requests: row.requests.map(timestampsFromJson), bases: row.bases };
}

/** The basis of each executed request, by what billing booked for it (refund or store-credit id). */
export function listExecutionBases(db: Executor, accountId: string, refs: string[]) {
  if (refs.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('refund_requests')
    .select(['execution_ref', 'evaluation'])
    .where('account_id', '=', accountId)
    .where('execution_ref', 'in', refs)
    .execute();
}

export interface QueueFilter {
  status: RefundRequestStatus;
  reasonCode?: string;
  after?: { since: Date; id: string };
  limit: number;
}

/** One status, oldest first by the time it entered it, keyset-paginated, with case and account numbers. */
export function listRefundRequestQueue(db: Executor, filter: QueueFilter) {
  let q = db
    .selectFrom('refund_requests as r')
    .innerJoin('cases', 'cases.id', 'r.case_id')
    .innerJoin('accounts', 'accounts.id', 'r.account_id')
    // only what a queue row shows: not the facts and the whole evaluation (about 5 KB a row)
    .select([
      'r.id',
      'r.case_id',
      'r.account_id',
      'r.status',
      'r.reason_code',
      'r.requested_minor',
      'r.currency',
      'r.created_by',
      'r.status_since',
      sql<unknown>`jsonb_build_object(
        'recommended', r.evaluation->'recommended',
        'maxRefundable', r.evaluation->'maxRefundable',
        'basis', r.evaluation->'basis',
        'inPolicy', r.evaluation->'inPolicy',
        'approval', jsonb_build_object('recommended', r.evaluation->'approval'->'recommended')
      )`.as('evaluation'),
      'cases.case_number',
      'accounts.account_number',
    ])
    .where('r.status', '=', filter.status);
  if (filter.reasonCode) q = q.where('r.reason_code', '=', filter.reasonCode);
  const after = filter.after;
  if (after)
    q = q.where((eb) =>
      eb.or([
        eb('r.status_since', '>', after.since),
        eb.and([eb('r.status_since', '=', after.since), eb('r.id', '>', after.id)]),
      ]),
    );
  return q.orderBy('r.status_since').orderBy('r.id').limit(filter.limit).execute();
}

// ---- history -----------------------------------------------------------------------------------

export function listRefundRequestEvents(db: Executor, requestId: string) {
  return db
    .selectFrom('refund_request_events')
    .selectAll()
    .where('request_id', '=', requestId)
    .orderBy('id')
    .execute();
}

// ---- executions --------------------------------------------------------------------------------

export type RefundExecutionRow = NonNullable<Awaited<ReturnType<typeof findRefundExecution>>>;

export function findRefundExecution(db: Executor, id: string) {
  return db.selectFrom('refund_executions').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The execution's row locked until the transaction ends: one worker executes it at a time. */
export function lockRefundExecution(trx: Executor, id: string) {
  return trx.selectFrom('refund_executions').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function insertRefundExecution(trx: Executor, row: Insertable<RefundExecutionsTable>) {
  await trx.insertInto('refund_executions').values(row).execute();
}

export async function updateRefundExecution(
  trx: Executor,
  id: string,
  set: Updateable<RefundExecutionsTable>,
): Promise<void> {
  await trx.updateTable('refund_executions').set(set).where('id', '=', id).execute();
}

/** Counts one more attempt (in its own statement, so it survives the attempt's rollback). */
export function countExecutionAttempt(db: Executor, id: string, error: string, now: Date) {
  return db
    .updateTable('refund_executions')
    .set((eb) => ({ attempts: eb('attempts', '+', 1), last_error: error, updated_at: now }))
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .returning(['attempts'])
    .executeTakeFirst();
}

/** The request's executions, oldest first (a failed refund, then its fallback). */
export function listRequestExecutions(db: Executor, requestId: string) {
  return db
    .selectFrom('refund_executions')
    .selectAll()
    .where('request_id', '=', requestId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/**
 * What approved requests on this payment still have to pay back (pending executions to the
 * payment or by transfer against it): promised, not yet booked in billing.
 */
export async function sumPendingPayouts(db: Executor, paymentId: string): Promise<number> {
  const row = await db
    .selectFrom('refund_executions as e')
    .innerJoin('refund_requests as r', 'r.id', 'e.request_id')
    .select(sql<string>`coalesce(sum(e.amount_minor), 0)`.as('minor'))
    .where('r.payment_id', '=', paymentId)
    .where('e.status', '=', 'pending')
    .where('e.method', '<>', 'store_credit')
    .executeTakeFirstOrThrow();
  return Number(row.minor);
}

/** The account's goodwill approved and not paid out yet (pending executions of goodwill requests). */
export function listPendingGoodwillPayouts(db: Executor, accountId: string) {
  return db
    .selectFrom('refund_executions as e')
    .innerJoin('refund_requests as r', 'r.id', 'e.request_id')
    .select(['e.amount_minor', 'e.currency'])
    .where('r.account_id', '=', accountId)
    .where('e.status', '=', 'pending')
    .where(sql<string>`r.evaluation->>'basis'`, '=', 'goodwill')
    .execute();
}

/** Pending executions not touched since `before`: the ones a lost job or a crash left behind. */
export function listStalePendingExecutions(db: Executor, before: Date, limit: number) {
  return db
    .selectFrom('refund_executions')
    .select('id')
    .where('status', '=', 'pending')
    .where('updated_at', '<=', before)
    .orderBy('updated_at')
    .limit(limit)
    .execute();
}

// ---- decision keys -----------------------------------------------------------------------------

/** Serialises decisions under one actor's Idempotency-Key until the transaction ends. */
export function serializeDecisionKey(trx: Executor, actorId: string, key: string) {
  return serializeLimit(trx, `refund-decision-key:${actorId}:${key}`);
}

export function findDecisionKey(db: Executor, actorId: string, key: string) {
  return db
    .selectFrom('refund_decision_keys')
    .selectAll()
    .where('actor_id', '=', actorId)
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
}

// ---- replay (the policy simulator) -------------------------------------------------------------

/**
 * Stored evaluations recorded in [from, to), in id order after `afterId` (keyset batches): the
 * facts, the time they were evaluated at and what the evaluation answered then.
 */
export function listReplayBatch(
  db: Executor,
  input: {
    from: Date;
    to: Date;
    channel?: string;
    reasonCode?: string;
    after: { createdAt: string; id: string } | null;
    limit: number;
  },
) {
  let q = db
    .selectFrom('refund_requests')
    .select([
      'id',
      'case_id',
      'reason_code',
      'status',
      'facts',
      'evaluated_at',
      // the cursor's time as text: a Date keeps milliseconds, the column microseconds
      sql<string>`created_at::text`.as('cursor_at'),
      'currency',
      sql<unknown>`jsonb_build_object(
        'decision', evaluation->'decision',
        'recommended', evaluation->'recommended',
        'inPolicy', evaluation->'inPolicy',
        'basis', evaluation->'basis',
        'role', evaluation->'approval'->'recommended'
      )`.as('before'),
    ])
    .where('created_at', '<', input.to);
  // in (created_at, id) order on the index of that name: a range read for every page, whichever
  // plan (custom or generic) the prepared statement runs
  q = input.after
    ? q.where(sql<boolean>`(created_at, id) > (${input.after.createdAt}::timestamptz, ${input.after.id})`)
    : q.where('created_at', '>=', input.from);
  if (input.reasonCode) q = q.where('reason_code', '=', input.reasonCode);
  const channel = input.channel;
  if (channel)
    q = q.where('account_id', 'in', (eb) =>
      eb.selectFrom('accounts').select('accounts.id').where('accounts.acquisition_channel', '=', channel),
    );
  return q.orderBy('created_at').orderBy('id').limit(input.limit).execute();
}
// ---- evidence ----------------------------------------------------------------------------------

/** Serialises every upload to one request until the transaction ends, so the count limit holds. */
export function serializeEvidenceUploads(trx: Executor, requestId: string) {
  return serializeLimit(trx, `refund-evidence:${requestId}`);
}

export async function countRefundEvidence(db: Executor, requestId: string): Promise<number> {
  const row = await db
    .selectFrom('refund_request_evidence')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('request_id', '=', requestId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertRefundEvidence(trx: Executor, row: Insertable<RefundRequestEvidenceTable>) {
  await trx.insertInto('refund_request_evidence').values(row).execute();
}

/** What an evidence list shows of each file: everything but the bytes. */
const EVIDENCE_LIST_COLUMNS = [
  'id',
  'request_id',
  'file_name',
  'content_type',
  'size_bytes',
  'sha256',
  'uploaded_by',
  'uploaded_at',
] as const;

/** The evidence of these requests without the bytes, oldest first. */
export function listRefundEvidence(db: Executor, requestIds: string[]) {
  if (requestIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('refund_request_evidence')
    .select(EVIDENCE_LIST_COLUMNS)
    .where('request_id', 'in', requestIds)
    .orderBy('uploaded_at')
    .orderBy('id')
    .execute();
}
export type RefundEvidenceListRow = Awaited<ReturnType<typeof listRefundEvidence>>[number];

/** One evidence file of a request, with its bytes. */
export function findRefundEvidence(db: Executor, requestId: string, evidenceId: string) {
  return db
    .selectFrom('refund_request_evidence')
    .selectAll()
    .where('request_id', '=', requestId)
    .where('id', '=', evidenceId)
    .executeTakeFirst();
}

// ---- repeat requesters (insights) --------------------------------------------------------------

/**
 * Accounts with at least `minRequests` refund requests since `since`: how many, how many were
 * exceptions to the policy, how many paid out and how much, and the abuse signals their
 * evaluations raised (with how often), most requests first. One grouped statement on
 * refund_requests_account's leading column; the account number and name come with it.
 */
export function listRepeatRequesterRows(
  db: Executor,
  input: { since: Date; minRequests: number; limit: number },
) {
  return db
    .selectFrom('refund_requests as r')
    .innerJoin('accounts', 'accounts.id', 'r.account_id')
    .select([
      'r.account_id',
      'accounts.account_number',
      'accounts.first_name',
      'accounts.last_name',
      sql<number>`count(*)::int`.as('requests'),
      sql<number>`(count(*) filter (where (r.evaluation->>'inPolicy')::boolean is not true))::int`.as(
        'exceptions',
      ),
      sql<number>`(count(*) filter (where r.status = 'executed'))::int`.as('paid_out'),
      sql<string>`coalesce(sum(r.decided_minor) filter (where r.status = 'executed'), 0)`.as('paid_minor'),
      sql<string>`coalesce(sum(r.requested_minor), 0)`.as('requested_minor'),
      sql<string>`min(r.currency)`.as('currency'),
      sql<Date>`min(r.created_at)`.as('first_at'),
      sql<Date>`max(r.created_at)`.as('last_at'),
      sql<string>`(array_agg(r.id order by r.created_at desc))[1]`.as('last_request_id'),
      sql<string>`(array_agg(r.case_id order by r.created_at desc))[1]`.as('last_case_id'),
      sql<Record<string, number> | null>`(
        select jsonb_object_agg(sig, n) from (
          select s->>'signal' as sig, count(*)::int as n
          from refund_requests r2, jsonb_array_elements(r2.evaluation->'abuseSignals') s
          where r2.account_id = r.account_id and r2.created_at >= ${input.since}
          group by 1
        ) signals
      )`.as('signals'),
    ])
    .where('r.created_at', '>=', input.since)
    .groupBy(['r.account_id', 'accounts.account_number', 'accounts.first_name', 'accounts.last_name'])
    .having(sql`count(*)`, '>=', input.minRequests)
    .orderBy(sql`count(*)`, 'desc')
    .orderBy(sql`max(r.created_at)`, 'desc')
    .limit(input.limit)
    .execute();
}

// ---- weekly figures (the leads' digest) ----------------------------------------------------------

/** A calendar week (Monday) in the business time zone, as YYYY-MM-DD, of a timestamp column. */
const weekOf = (column: string, timeZone: string) =>
  sql<string>`to_char(date_trunc('week', ${sql.ref(column)} at time zone ${timeZone}), 'YYYY-MM-DD')`;

export interface WeekRange {
  from: Date;
  to: Date;
  timeZone: string;
}

/** Requests recorded per week, and how many of them were exceptions (outside the policy). */
export function refundRequestsByWeek(db: Executor, range: WeekRange) {
  return db
    .selectFrom('refund_requests')
    .select([
      weekOf('created_at', range.timeZone).as('week'),
      sql<number>`count(*)::int`.as('requests'),
      sql<number>`(count(*) filter (where (evaluation->>'inPolicy')::boolean is not true))::int`.as(
        'exceptions',
      ),
    ])
    .where('created_at', '>=', range.from)
    .where('created_at', '<', range.to)
    .groupBy(sql`1`)
    .execute();
}

/** Decisions per week: approved, denied, and the median hours from request to decision. */
export function refundDecisionsByWeek(db: Executor, range: WeekRange) {
  return db
    .selectFrom('refund_requests')
    .select([
      weekOf('decided_at', range.timeZone).as('week'),
      sql<number>`(count(*) filter (where status <> 'denied'))::int`.as('approved'),
      sql<number>`(count(*) filter (where status = 'denied'))::int`.as('denied'),
      sql<number>`percentile_cont(0.5) within group (order by extract(epoch from decided_at - created_at)) / 3600`.as(
        'median_hours',
      ),
    ])
    .where('decided_at', '>=', range.from)
    .where('decided_at', '<', range.to)
    .groupBy(sql`1`)
    .execute();
}

/** Money paid out per week and currency (executions that succeeded). */
export function refundPayoutsByWeek(db: Executor, range: WeekRange) {
  return db
    .selectFrom('refund_executions')
    .select([
      weekOf('finished_at', range.timeZone).as('week'),
      'currency',
      sql<string>`sum(amount_minor)`.as('paid_minor'),
    ])
    .where('status', '=', 'succeeded')
    .where('finished_at', '>=', range.from)
    .where('finished_at', '<', range.to)
    .groupBy([sql`1`, 'currency'])
    .execute();
}

/** Requests per week and reason, for the digest's "which reason moved". */
export function refundReasonsByWeek(db: Executor, range: WeekRange) {
  return db
    .selectFrom('refund_requests')
    .select([
      weekOf('created_at', range.timeZone).as('week'),
      'reason_code',
      sql<number>`count(*)::int`.as('n'),
    ])
    .where('created_at', '>=', range.from)
    .where('created_at', '<', range.to)
    .groupBy([sql`1`, 'reason_code'])
    .execute();
}
