import type { Insertable, Updateable } from 'kysely';
import { auditInsert } from '../../platform/audit';
import type { Trx, UseCaseDeps } from '../../platform/deps';
import {
  insertRefundRequestWithHistory,
  type RefundRequestRow,
  updateRefundRequestWithHistory,
} from './refunds.repository';
import type { RefundDecisionKeysTable, RefundRequestStatus, RefundRequestsTable } from './refunds.table';

export interface StatusChange {
  requestId: string;
  accountId: string;
  caseId: string;
  /** The history's word for it; the audit action is `refund_request.<action>`. */
  action: string;
  /** Every status the request passed through, in order (approved, then executed). */
  path: Array<{ from: RefundRequestStatus | null; to: RefundRequestStatus; action?: string }>;
  note?: string | null;
  changes?: Record<string, unknown>;
}

/** The history rows of a change (one per status passed, in order) and its one audit event, not yet sent. */
function historyOf(trx: Trx, deps: UseCaseDeps, now: Date, change: StatusChange) {
  const events = change.path.map((step) => ({
    request_id: change.requestId,
    at: now,
    actor_id: deps.actor.id,
    action: step.action ?? change.action,
    from_status: step.from,
    to_status: step.to,
    note: change.note ?? null,
  }));
  const first = change.path[0]!;
  const last = change.path[change.path.length - 1]!;
  const audit = auditInsert(trx, deps.actor, now, {
    action: `refund_request.${change.action}`,
    entityType: 'refund_request',
    entityId: change.requestId,
    accountId: change.accountId,
    caseId: change.caseId,
    changes: { status: { from: first.from, to: last.to }, ...change.changes },
  });
  return { events, audit };
}

/**
 * Stores a new request with its history (one row per status passed) and one audit event, in
 * one statement.
 */
export async function recordNewRequest(
  trx: Trx,
  deps: UseCaseDeps,
  now: Date,
  row: Insertable<RefundRequestsTable>,
  change: Omit<StatusChange, 'requestId' | 'accountId' | 'caseId'>,
) {
  const { events, audit } = historyOf(trx, deps, now, {
    ...change,
    requestId: row.id,
    accountId: row.account_id,
    caseId: row.case_id,
  });
  await insertRefundRequestWithHistory(trx, row, events, audit);
}

export interface Move {
  to: RefundRequestStatus;
  action: string;
  /** The statuses passed on the way, when more than one (approved, then executed). */
  path?: StatusChange['path'];
  note?: string | null;
  /** Other columns that change with the status. */
  set?: Updateable<RefundRequestsTable>;
  changes?: Record<string, unknown>;
  /** The decision's Idempotency-Key, recorded with the move (decideRefundRequest). */
  decisionKey?: Insertable<RefundDecisionKeysTable>;
}

/**
 * Moves a locked request to its next status (with the columns that change with it) and records
 * the change in its history and one audit event, in one statement.
 */
export async function moveRequest(trx: Trx, deps: UseCaseDeps, now: Date, row: RefundRequestRow, move: Move) {
  const { events, audit } = historyOf(trx, deps, now, {
    requestId: row.id,
    accountId: row.account_id,
    caseId: row.case_id,
    action: move.action,
    path: move.path ?? [{ from: row.status, to: move.to }],
    note: move.note,
    changes: move.changes,
  });
  await updateRefundRequestWithHistory(
    trx,
    row.id,
    { ...move.set, status: move.to, status_since: now, updated_at: now },
    events,
    audit,
    move.decisionKey,
  );
}
