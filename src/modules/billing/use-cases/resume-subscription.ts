import { writeAudit } from '../../../platform/audit';
import { businessDate } from '../../../platform/clock';
import type { UseCaseDeps } from '../../../platform/deps';
import type { ResumeOutcome } from '../subscription-changes';
import { lockSubscriptionWithPlanOrThrow, updateSubscription } from '../subscription-changes.repository';

/**
 * Ends a pause whose resume date has come: 'paused' becomes 'active' again, audited. Safe to run
 * any number of times and concurrently (the row is locked; a second run finds it active).
 */
export async function resumeSubscription(
  deps: UseCaseDeps,
  input: { subscriptionId: string },
): Promise<ResumeOutcome> {
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    const sub = await lockSubscriptionWithPlanOrThrow(trx, input.subscriptionId).catch(() => null);
    if (!sub) return 'not_found';
    if (sub.status !== 'paused' || !sub.paused_until) return 'not_paused';
    if (sub.paused_until > businessDate(now, deps.config.timeZone)) return 'not_due';
    await updateSubscription(trx, sub.id, { status: 'active', paused_until: null });
    await writeAudit(trx, deps.actor, now, {
      action: 'subscription.resumed',
      entityType: 'subscription',
      entityId: sub.id,
      accountId: sub.account_id,
      changes: { status: { from: 'paused', to: 'active' }, resumedOn: sub.paused_until },
    });
    return 'resumed';
  });
}
