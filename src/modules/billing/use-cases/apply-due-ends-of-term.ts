import type { UseCaseDeps } from '../../../platform/deps';
import { sweepDueSubscriptions } from '../due-sweep';
import { applyEndOfTerm } from './apply-end-of-term';

/**
 * Ends every subscription whose cancellation is due today or earlier and has not been applied:
 * the daily safety net behind the per-subscription jobs (and the way cancellations that were
 * imported or seeded without a job take effect).
 */
export async function applyDueEndsOfTerm(deps: UseCaseDeps, input: { batch?: number } = {}) {
  const ended = await sweepDueSubscriptions(
    deps,
    'end_of_term',
    async (id) => (await applyEndOfTerm(deps, { subscriptionId: id })) === 'ended',
    input.batch,
  );
  return { ended };
}
