import type { UseCaseDeps } from '../../../platform/deps';
import { sweepDueSubscriptions } from '../due-sweep';
import { renewSubscription } from './renew-subscription';

/**
 * Renews every active subscription whose renewal date is today or earlier (the daily renewal job);
 * a subscription several periods behind renews once per run and once more the next.
 */
export async function renewDueSubscriptions(deps: UseCaseDeps, input: { batch?: number } = {}) {
  const renewed = await sweepDueSubscriptions(
    deps,
    'renewal',
    async (id) => (await renewSubscription(deps, { subscriptionId: id })) === 'renewed',
    input.batch,
  );
  return { renewed };
}
