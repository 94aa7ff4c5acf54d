import type { UseCaseDeps } from '../../../platform/deps';
import { moneyFromColumn } from '../../../platform/money';
import { evaluationResult } from '../../policy';
import { listRefundRequestQueue } from '../refunds.repository';
import { decodeCursor, encodeCursor, QUEUE_TARGET_HOURS } from '../refunds.schemas';
import type { RefundRequestStatus } from '../refunds.table';

/** The parts of a stored evaluation a queue row shows (the repository selects only these). */
const queueEvaluation = evaluationResult
  .pick({ recommended: true, maxRefundable: true, basis: true, inPolicy: true })
  .extend({ approval: evaluationResult.shape.approval.pick({ recommended: true }) });

export interface ListRefundRequestsInput {
  status: RefundRequestStatus;
  reason?: string;
  cursor?: string;
  limit: number;
}

/**
 * Requests in one status (by default the exceptions queue, pending_approval), oldest first by the
 * time they entered it, with how long each has waited against the 24-hour target; keyset pages.
 */
export async function listRefundRequests(deps: UseCaseDeps, input: ListRefundRequestsInput) {
  const now = deps.clock.now();
  const rows = await listRefundRequestQueue(deps.db, {
    status: input.status,
    reasonCode: input.reason,
    after: input.cursor ? (decodeCursor(input.cursor) ?? undefined) : undefined,
    limit: input.limit + 1,
  });
  const page = rows.slice(0, input.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((row) => {
      const evaluation = queueEvaluation.parse(row.evaluation);
      const waitingMinutes = Math.max(0, Math.floor((now.getTime() - row.status_since.getTime()) / 60_000));
      return {
        id: row.id,
        caseId: row.case_id,
        caseNumber: row.case_number,
        accountId: row.account_id,
        accountNumber: row.account_number,
        status: row.status,
        reasonCode: row.reason_code,
        requested: moneyFromColumn(row.requested_minor, row.currency),
        recommended: evaluation.recommended,
        maxRefundable: evaluation.maxRefundable,
        basis: evaluation.basis,
        inPolicy: evaluation.inPolicy,
        roleNeeded: evaluation.approval.recommended,
        createdBy: row.created_by,
        waitingSince: row.status_since,
        waitingMinutes,
        overdue: row.status === 'pending_approval' && waitingMinutes > QUEUE_TARGET_HOURS * 60,
      };
    }),
    targetHours: QUEUE_TARGET_HOURS,
    nextCursor: rows.length > input.limit && last ? encodeCursor(last.status_since, last.id) : null,
  };
}
