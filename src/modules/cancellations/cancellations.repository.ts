import type { Insertable, Updateable } from 'kysely';
import { sql } from 'kysely';
import type { Executor } from '../../platform/audit';
import { notFound } from '../../platform/errors';
import { serializeLimit } from '../../platform/limits';
import { CancellationErrors } from './cancellations.errors';
import type {
  CancellationReasonVersionsTable,
  CancellationRequestEventsTable,
  CancellationRequestsTable,
} from './cancellations.table';

// ---- reasons -------------------------------------------------------------------------------------

/** The newest version of every reason, in taxonomy order. */
export function listNewestReasons(db: Executor) {
  return db
    .selectFrom('cancellation_reason_versions as r')
    .selectAll('r')
    .where(({ eb, selectFrom }) =>
      eb(
        'r.version',
        '=',
        selectFrom('cancellation_reason_versions as n')
          .select(({ fn }) => fn.max('n.version').as('v'))
          .whereRef('n.code', '=', 'r.code'),
      ),
    )
    .orderBy('r.position')
    .orderBy('r.code')
    .execute();
}

export function findNewestReason(db: Executor, code: string) {
  return db
    .selectFrom('cancellation_reason_versions')
    .selectAll()
    .where('code', '=', code)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export function findReasonVersion(db: Executor, code: string, version: number) {
  return db
    .selectFrom('cancellation_reason_versions')
    .selectAll()
    .where('code', '=', code)
    .where('version', '=', version)
    .executeTakeFirst();
}

/** Serialises changes of one reason code (its next version number). */
export function serializeReason(trx: Executor, code: string) {
  return serializeLimit(trx, `cancellation-reason:${code}`);
}

export async function insertReasonVersion(trx: Executor, row: Insertable<CancellationReasonVersionsTable>) {
  await trx.insertInto('cancellation_reason_versions').values(row).execute();
}

// ---- requests ------------------------------------------------------------------------------------

const request = (db: Executor) => db.selectFrom('cancellation_requests').selectAll();

export type CancellationRow = NonNullable<Awaited<ReturnType<typeof findCancellation>>>;

export function findCancellation(db: Executor, id: string) {
  return request(db).where('id', '=', id).executeTakeFirst();
}

/** The request's row, or CANCELLATION_NOT_FOUND naming `field`. */
export async function findCancellationOrThrow(db: Executor, id: string, field = 'params.id') {
  const row = await findCancellation(db, id);
  if (!row) throw notFound(CancellationErrors.CANCELLATION_NOT_FOUND, 'Cancellation', id, field);
  return row;
}

/** The request's row, locked for the rest of the transaction (one step at a time). */
export async function lockCancellationOrThrow(trx: Executor, id: string, field = 'params.id') {
  const row = await request(trx).where('id', '=', id).forUpdate().executeTakeFirst();
  if (!row) throw notFound(CancellationErrors.CANCELLATION_NOT_FOUND, 'Cancellation', id, field);
  return row;
}

/** Serialises intakes under one actor's Idempotency-Key until the transaction ends. */
export function serializeIntakeKey(trx: Executor, actorId: string, key: string) {
  return serializeLimit(trx, `cancellation-key:${actorId}:${key}`);
}

/** Serialises intakes for one subscription (one open cancellation per subscription). */
export function serializeSubscription(trx: Executor, subscriptionId: string) {
  return serializeLimit(trx, `cancellation-subscription:${subscriptionId}`);
}

export function findCancellationByKey(db: Executor, actorId: string, key: string) {
  return request(db).where('created_by', '=', actorId).where('idempotency_key', '=', key).executeTakeFirst();
}

export function findOpenCancellation(db: Executor, subscriptionId: string) {
  return request(db)
    .where('subscription_id', '=', subscriptionId)
    .where('status', 'in', ['in_progress', 'scheduled'])
    .executeTakeFirst();
}

export async function insertCancellation(trx: Executor, row: Insertable<CancellationRequestsTable>) {
  await trx.insertInto('cancellation_requests').values(row).execute();
}

export async function updateCancellation(
  trx: Executor,
  id: string,
  set: Updateable<CancellationRequestsTable>,
) {
  await trx.updateTable('cancellation_requests').set(set).where('id', '=', id).execute();
}

export function listCaseCancellations(db: Executor, caseId: string) {
  return request(db).where('case_id', '=', caseId).orderBy('created_at').orderBy('id').limit(200).execute();
}

// ---- history -------------------------------------------------------------------------------------

export async function insertCancellationEvent(
  trx: Executor,
  row: Insertable<CancellationRequestEventsTable>,
) {
  await trx.insertInto('cancellation_request_events').values(row).execute();
}

export function listCancellationEvents(db: Executor, requestIds: string[]) {
  if (requestIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('cancellation_request_events')
    .selectAll()
    .where('request_id', 'in', requestIds)
    .orderBy('id')
    .execute();
}

// ---- weekly figures (the leads' digest) ----------------------------------------------------------

/**
 * Per calendar week in the business time zone: cancellations processed (scheduled or done, a
 * revoked one not counted) and customers kept by an offer.
 */
export function cancellationsByWeek(db: Executor, range: { from: Date; to: Date; timeZone: string }) {
  const at = sql`coalesce(processed_at, offers_at, updated_at)`;
  return db
    .selectFrom('cancellation_requests')
    .select([
      sql<string>`to_char(date_trunc('week', ${at} at time zone ${range.timeZone}), 'YYYY-MM-DD')`.as('week'),
      sql<number>`(count(*) filter (where status in ('scheduled', 'cancelled')))::int`.as('cancelled'),
      sql<number>`(count(*) filter (where status = 'retained'))::int`.as('retained'),
    ])
    .where('status', 'in', ['scheduled', 'cancelled', 'retained'])
    .where(at, '>=', range.from)
    .where(at, '<', range.to)
    .groupBy(sql`1`)
    .execute();
}
