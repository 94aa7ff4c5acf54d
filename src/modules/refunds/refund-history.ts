import type { Updateable } from 'kysely';
import { writeAudit } from '../../platform/audit';
import type { Trx, UseCaseDeps } from '../../platform/deps';
import { insertRefundRequestEvent, type RefundRequestRow, updateRefundRequest } from './refunds.repository';
import type { RefundRequestStatus, RefundRequestsTable } from './refunds.table';

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

/** Records a change of a request in its history (one row per status passed) and in one audit event. */
export async function recordChange(trx: Trx, deps: UseCaseDeps, now: Date, change: StatusChange) {
  for (const step of change.path)
    await insertRefundRequestEvent(trx, {
      request_id: change.requestId,
      at: now,
      actor_id: deps.actor.id,
      action: step.action ?? change.action,
      from_status: step.from,
      to_status: step.to,
      note: change.note ?? null,
    });
  const first = change.path[0]!;
  const last = change.path[change.path.length - 1]!;
  await writeAudit(trx, deps.actor, now, {
    action: `refund_request.${change.action}`,
    entityType: 'refund_request',
    entityId: change.requestId,
    accountId: change.accountId,
    caseId: change.caseId,
    changes: { status: { from: first.from, to: last.to }, ...change.changes },
  });
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
}

/** Moves a locked request to its next status (with the columns that change with it) and records the change. */
export async function moveRequest(trx: Trx, deps: UseCaseDeps, now: Date, row: RefundRequestRow, move: Move) {
  await updateRefundRequest(trx, row.id, {
    ...move.set,
    status: move.to,
    status_since: now,
    updated_at: now,
  });
  await recordChange(trx, deps, now, {
    requestId: row.id,
    accountId: row.account_id,
    caseId: row.case_id,
    action: move.action,
    path: move.path ?? [{ from: row.status, to: move.to }],
    note: move.note,
    changes: move.changes,
  });
}
