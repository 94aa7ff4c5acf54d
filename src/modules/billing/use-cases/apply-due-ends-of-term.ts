import { businessDate } from '../../../platform/clock';
import type { UseCaseDeps } from '../../../platform/deps';
import { listDueCancellations } from '../billing.repository';
import { applyEndOfTerm } from './apply-end-of-term';

/**
 * Ends every subscription whose cancellation is due today or earlier and has not been applied:
 * the daily safety net behind the per-subscription jobs (and the way cancellations that were
 * imported or seeded without a job take effect). Works in batches so a large backlog commits
 * as it goes.
 */
export async function applyDueEndsOfTerm(deps: UseCaseDeps, input: { batch?: number } = {}) {
  const batch = input.batch ?? 500;
  const today = businessDate(deps.clock.now(), deps.config.timeZone);
  let ended = 0;
  let after = '';
  for (;;) {
    const due = await listDueCancellations(deps.db, today, after, batch);
    for (const { id } of due) if ((await applyEndOfTerm(deps, { subscriptionId: id })) === 'ended') ended++;
    if (due.length < batch) return { ended };
    after = due[due.length - 1]!.id;
  }
}
