import type { Trx, UseCaseDeps } from '../../../platform/deps';
import { getPolicyVersion } from '../../policy';
import { listCaseRefundRequests } from '../refunds.repository';
import type { RefundRequestStatus } from '../refunds.table';

/** Where a refund request ended, in the words the insights dashboard counts it by. */
export type RefundOutcome = 'approved' | 'denied' | 'failed' | 'open';

/** A case's refund request as a survey alert tells it: why it was asked, how it ended, who decided. */
export interface CaseRefundOutcome {
  requestId: string;
  reasonCode: string;
  /** The reason's name in the policy version the request was evaluated under. */
  reason: { de: string; en: string };
  outcome: RefundOutcome;
  decidedBy: string | null;
  decidedAt: Date | null;
}

const OUTCOME: Record<RefundRequestStatus, RefundOutcome> = {
  evaluated: 'open',
  pending_approval: 'open',
  needs_info: 'open',
  approved: 'approved',
  executed: 'approved',
  denied: 'denied',
  failed: 'failed',
};

/**
 * The case's refund requests, oldest first, with their reason, outcome and decider: a step read in
 * the caller's transaction (the survey answer that alerts a lead about them).
 */
export async function listCaseRefundOutcomes(
  trx: Trx,
  deps: UseCaseDeps,
  input: { caseId: string },
): Promise<CaseRefundOutcome[]> {
  const rows = await listCaseRefundRequests(trx, input.caseId);
  const reasonsOf = new Map<number, Record<string, { de: string; en: string }>>();
  for (const version of new Set(rows.map((r) => r.policy_version))) {
    const policy = await getPolicyVersion({ ...deps, db: trx }, { version });
    reasonsOf.set(version, policy.document.reasons);
  }
  return rows.map((r) => {
    const named = reasonsOf.get(r.policy_version)?.[r.reason_code];
    return {
      requestId: r.id,
      reasonCode: r.reason_code,
      reason: named ? { de: named.de, en: named.en } : { de: r.reason_code, en: r.reason_code },
      outcome: OUTCOME[r.status],
      decidedBy: r.decided_by,
      decidedAt: r.decided_at,
    };
  });
}
