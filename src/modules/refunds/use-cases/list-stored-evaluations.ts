import type { UseCaseDeps } from '../../../platform/deps';
import type { Money } from '../../../platform/money';
import type { Role } from '../../../platform/roles';
import type { Basis, Decision, RefundFacts } from '../../policy';
import { listReplayBatch } from '../refunds.repository';

export interface StoredEvaluation {
  requestId: string;
  caseId: string;
  reasonCode: string;
  status: string;
  facts: RefundFacts;
  evaluatedAt: Date;
  before: { decision: Decision; recommended: Money; inPolicy: boolean; basis: Basis; role: Role };
}

type ReplayRow = Awaited<ReturnType<typeof listReplayBatch>>[number];

/**
 * The refund requests recorded in [from, to) (of accounts won over `channel`, for `reasonCode`, when
 * given) with the facts they were evaluated on and what the evaluation answered then, in batches
 * (keyset on creation time and id): what the policy simulator replays.
 */
export async function* listStoredEvaluations(
  deps: UseCaseDeps,
  input: { from: Date; to: Date; channel?: string; reasonCode?: string; batch?: number },
): AsyncGenerator<StoredEvaluation[]> {
  const { batch, ...filter } = input;
  const limit = batch ?? 2000;
  const page = (after: { createdAt: string; id: string } | null): Promise<ReplayRow[]> => {
    const read = listReplayBatch(deps.db, { ...filter, after, limit });
    // a caller that stops early leaves the page read ahead unread: its failure is then nobody's
    read.catch(() => {});
    return read;
  };
  let pending: Promise<ReplayRow[]> | null = page(null);
  while (pending) {
    const rows: ReplayRow[] = await pending;
    if (rows.length === 0) return;
    // the next page is read while the caller works through this one (the database and this
    // process each on their own core); the cursor keeps the column's microseconds
    const last = rows[rows.length - 1]!;
    pending = rows.length < limit ? null : page({ createdAt: last.cursor_at, id: last.id });
    yield rows.map((r) => ({
      requestId: r.id,
      caseId: r.case_id,
      reasonCode: r.reason_code,
      status: r.status,
      // stored as validated by refundFacts at intake: read back as it was written
      facts: r.facts as RefundFacts,
      evaluatedAt: r.evaluated_at,
      before: r.before as StoredEvaluation['before'],
    }));
  }
}
