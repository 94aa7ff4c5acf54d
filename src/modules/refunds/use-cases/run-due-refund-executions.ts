import type { UseCaseDeps } from '../../../platform/deps';
import { STALE_EXECUTION_MS } from '../execute-refund';
import { listStalePendingExecutions } from '../refunds.repository';
import { runRefundExecution } from './run-refund-execution';

/**
 * The worker's sweep (every five minutes and at start): runs every pending execution nobody has
 * touched for STALE_EXECUTION_MS, oldest first, each in its own transaction under its own lock. An
 * execution whose provider still cannot be reached stays pending (its attempts counted) for the
 * next sweep, until MAX_EXECUTION_ATTEMPTS fail it.
 */
export async function runDueRefundExecutions(
  deps: UseCaseDeps,
  input: { limit?: number } = {},
): Promise<{ succeeded: number; failed: number; pending: number }> {
  const before = new Date(deps.clock.now().getTime() - STALE_EXECUTION_MS);
  const due = await listStalePendingExecutions(deps.db, before, input.limit ?? 500);
  const counts = { succeeded: 0, failed: 0, pending: 0 };
  for (const { id } of due) {
    const run = await runRefundExecution(deps, { executionId: id }).catch(() => null);
    counts[run?.status ?? 'pending']++;
  }
  return counts;
}
