import type { UseCaseDeps } from '../../../platform/deps';
import { DomainError } from '../../../platform/errors';
import { moneyFromColumn } from '../../../platform/money';
import { evaluationResult } from '../../policy';
import { listRefundRequestQueue } from '../refunds.repository';
import { QUEUE_TARGET_HOURS } from '../refunds.schemas';
import type { RefundRequestStatus } from '../refunds.table';

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
    after: input.cursor ? decodeCursor(input.cursor) : undefined,
    limit: input.limit + 1,
  });
  const page = rows.slice(0, input.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((row) => {
      const evaluation = evaluationResult.parse(row.evaluation);
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

function encodeCursor(since: Date, id: string): string {
  return Buffer.from(JSON.stringify([since.toISOString(), id])).toString('base64url');
}

function decodeCursor(cursor: string): { since: Date; id: string } {
  try {
    const [since, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown, unknown];
    const at = new Date(String(since));
    if (typeof since === 'string' && typeof id === 'string' && !Number.isNaN(at.getTime()))
      return { since: at, id };
  } catch {
    // answered below
  }
  throw new DomainError('VALIDATION_FAILED', 'The cursor is not one this list handed out', {
    field: 'query.cursor',
  });
}
