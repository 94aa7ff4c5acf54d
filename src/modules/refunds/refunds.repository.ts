import type { Insertable, Updateable } from 'kysely';
import { sql } from 'kysely';
import type { Executor } from '../../platform/audit';
import { notFound } from '../../platform/errors';
import { serializeLimit } from '../../platform/limits';
import { RefundErrors } from './refunds.errors';
import type {
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

export async function insertRefundRequest(trx: Executor, row: Insertable<RefundRequestsTable>) {
  await trx.insertInto('refund_requests').values(row).execute();
}

export async function updateRefundRequest(
  trx: Executor,
  id: string,
  set: Updateable<RefundRequestsTable>,
): Promise<void> {
  await trx.updateTable('refund_requests').set(set).where('id', '=', id).execute();
}

export function listCaseRefundRequests(db: Executor, caseId: string) {
  return request(db).where('case_id', '=', caseId).orderBy('created_at').orderBy('id').limit(200).execute();
}

/** The account's earlier requests since `since` (newest first): how often the customer asked. */
export function listAccountRequestTimes(db: Executor, accountId: string, since: Date, limit: number) {
  return db
    .selectFrom('refund_requests')
    .select(['id', 'created_at'])
    .where('account_id', '=', accountId)
    .where('created_at', '>=', since)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
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

export async function insertRefundRequestEvent(trx: Executor, row: Insertable<RefundRequestEventsTable>) {
  await trx.insertInto('refund_request_events').values(row).execute();
}

export function listRefundRequestEvents(db: Executor, requestId: string) {
  return db
    .selectFrom('refund_request_events')
    .selectAll()
    .where('request_id', '=', requestId)
    .orderBy('id')
    .execute();
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

/** The evidence of these requests without the bytes, oldest first. */
export function listRefundEvidence(db: Executor, requestIds: string[]) {
  if (requestIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('refund_request_evidence')
    .select([
      'id',
      'request_id',
      'file_name',
      'content_type',
      'size_bytes',
      'sha256',
      'uploaded_by',
      'uploaded_at',
    ])
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
