import { businessDate } from '../../../platform/clock';
import type { UseCaseDeps } from '../../../platform/deps';
import { listDueRenewals } from '../billing.repository';
import { renewSubscription } from './renew-subscription';

/**
 * Renews every active subscription whose renewal date is today or earlier (the daily renewal job),
 * in batches; a subscription several periods behind renews once per run and once more the next.
 */
export async function renewDueSubscriptions(deps: UseCaseDeps, input: { batch?: number } = {}) {
  const batch = input.batch ?? 500;
  const today = businessDate(deps.clock.now(), deps.config.timeZone);
  let renewed = 0;
  let after = '';
  for (;;) {
    const due = await listDueRenewals(deps.db, today, after, batch);
    for (const { id } of due)
      if ((await renewSubscription(deps, { subscriptionId: id })) === 'renewed') renewed++;
    if (due.length < batch) return { renewed };
    after = due[due.length - 1]!.id;
  }
}
