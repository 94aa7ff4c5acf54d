import type { Executor } from '../../platform/audit';
import { findReasonVersion, listCaseCancellations } from './cancellations.repository';
import type { CancellationStatus } from './cancellations.table';

/** Where a cancellation request ended, in the words the insights dashboard counts it by. */
export type CancellationOutcome = 'cancelled' | 'retained' | 'withdrawn' | 'open';

/** A case's cancellation as a survey alert tells it: why, how it ended, who processed it. */
export interface CaseCancellationOutcome {
  requestId: string;
  reasonCode: string;
  /** The reason's name in the taxonomy version the customer's reason was recorded with. */
  reason: { de: string; en: string };
  outcome: CancellationOutcome;
  processedBy: string | null;
  processedAt: Date | null;
}

const OUTCOME: Record<CancellationStatus, CancellationOutcome> = {
  in_progress: 'open',
  scheduled: 'cancelled',
  cancelled: 'cancelled',
  retained: 'retained',
  withdrawn: 'withdrawn',
  revoked: 'withdrawn',
};

/**
 * The case's cancellation requests, oldest first, with their reason, outcome and who processed
 * them (read in the caller's transaction: the survey answer that alerts a lead about them).
 */
export async function listCaseCancellationOutcomes(
  db: Executor,
  caseId: string,
): Promise<CaseCancellationOutcome[]> {
  const rows = await listCaseCancellations(db, caseId);
  const out: CaseCancellationOutcome[] = [];
  for (const r of rows) {
    const reason = await findReasonVersion(db, r.reason_code, r.reason_version);
    out.push({
      requestId: r.id,
      reasonCode: r.reason_code,
      reason: reason
        ? { de: reason.label_de, en: reason.label_en }
        : { de: r.reason_code, en: r.reason_code },
      outcome: OUTCOME[r.status],
      processedBy: r.processed_by,
      processedAt: r.processed_at,
    });
  }
  return out;
}
