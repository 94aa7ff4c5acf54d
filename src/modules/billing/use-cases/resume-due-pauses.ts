import type { UseCaseDeps } from '../../../platform/deps';
import { sweepDueSubscriptions } from '../due-sweep';
import { resumeSubscription } from './resume-subscription';

/** Resumes every paused subscription whose resume date is today or earlier: the daily safety net behind the per-subscription jobs. */
export async function resumeDuePauses(deps: UseCaseDeps, input: { batch?: number } = {}) {
  const resumed = await sweepDueSubscriptions(
    deps,
    'resume',
    async (id) => (await resumeSubscription(deps, { subscriptionId: id })) === 'resumed',
    input.batch,
  );
  return { resumed };
}
