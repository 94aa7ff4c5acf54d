import { writeAudit } from '../../../platform/audit';
import { businessDate } from '../../../platform/clock';
import type { UseCaseDeps } from '../../../platform/deps';
import { lockSubscription, markSubscriptionCancelled } from '../billing.repository';
import type { EndOfTermOutcome } from '../end-of-term';

/**
 * Ends one subscription whose scheduled cancellation is due: pending_cancellation becomes
 * cancelled, audited in the same transaction. Safe to run any number of times and concurrently
 * (the row is locked; a second run finds it no longer pending).
 */
export async function applyEndOfTerm(
  deps: UseCaseDeps,
  input: { subscriptionId: string },
): Promise<EndOfTermOutcome> {
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    const sub = await lockSubscription(trx, input.subscriptionId);
    if (!sub) return 'not_found';
    if (sub.status !== 'pending_cancellation' || !sub.cancel_effective_on) return 'not_pending';
    if (sub.cancel_effective_on > businessDate(now, deps.config.timeZone)) return 'not_due';
    await markSubscriptionCancelled(trx, sub.id);
    await writeAudit(trx, deps.actor, now, {
      action: 'subscription.ended',
      entityType: 'subscription',
      entityId: sub.id,
      accountId: sub.account_id,
      changes: {
        status: { from: 'pending_cancellation', to: 'cancelled' },
        effectiveOn: sub.cancel_effective_on,
      },
    });
    return 'ended';
  });
}
