import { writeAudit } from '../../../platform/audit';
import { businessDate } from '../../../platform/clock';
import type { Trx, UseCaseDeps } from '../../../platform/deps';
import { updateSubscriptionTerm } from '../billing.repository';
import { lockCancellableSubscription } from '../cancellable';

/**
 * Cancels a subscription with immediate effect, in the caller's transaction: cancelled today
 * (the company's calendar), never renewed again, audited.
 */
export async function cancelSubscriptionNow(
  trx: Trx,
  deps: UseCaseDeps,
  input: { subscriptionId: string; caseId?: string | null; field?: string },
): Promise<{ effectiveOn: string }> {
  const now = deps.clock.now();
  const sub = await lockCancellableSubscription(
    trx,
    input.subscriptionId,
    input.field ?? 'body.subscriptionId',
  );
  const effectiveOn = businessDate(now, deps.config.timeZone);
  await updateSubscriptionTerm(trx, sub.id, {
    status: 'cancelled',
    cancel_effective_on: effectiveOn,
    next_renewal_on: null,
    cancelled_at: now,
  });
  await writeAudit(trx, deps.actor, now, {
    action: 'subscription.cancelled',
    entityType: 'subscription',
    entityId: sub.id,
    accountId: sub.account_id,
    caseId: input.caseId ?? null,
    changes: {
      status: { from: sub.status, to: 'cancelled' },
      effectiveOn,
      nextRenewalOn: { from: sub.next_renewal_on, to: null },
    },
  });
  return { effectiveOn };
}
