import { writeAudit } from '../../platform/audit';
import type { Trx, UseCaseDeps } from '../../platform/deps';
import { insertRefundRequestEvent } from './refunds.repository';
import type { RefundRequestStatus } from './refunds.table';

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
