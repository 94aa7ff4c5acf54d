import { writeAudit } from '../../../platform/audit';
import type { Trx, UseCaseDeps } from '../../../platform/deps';
import { updateSubscriptionTerm } from '../billing.repository';
import { lockCancellableSubscription } from '../cancellable';
import { scheduleEndOfTerm } from './schedule-end-of-term';

/**
 * Cancels a subscription at the end of its period, in the caller's transaction: it becomes
 * pending_cancellation with the effective date (never renewed again), the end-of-term job is
 * scheduled for that date (it flips the status then, also after restarts), audited.
 */
export async function scheduleSubscriptionCancellation(
  trx: Trx,
  deps: UseCaseDeps,
  input: { subscriptionId: string; effectiveOn: string; caseId?: string | null; field?: string },
): Promise<{ jobId: string }> {
  const now = deps.clock.now();
  const sub = await lockCancellableSubscription(
    trx,
    input.subscriptionId,
    input.field ?? 'body.subscriptionId',
  );
  await updateSubscriptionTerm(trx, sub.id, {
    status: 'pending_cancellation',
    cancel_effective_on: input.effectiveOn,
    next_renewal_on: null,
    cancelled_at: now,
  });
  await writeAudit(trx, deps.actor, now, {
    action: 'subscription.cancellation_scheduled',
    entityType: 'subscription',
    entityId: sub.id,
    accountId: sub.account_id,
    caseId: input.caseId ?? null,
    changes: {
      status: { from: sub.status, to: 'pending_cancellation' },
      effectiveOn: input.effectiveOn,
      nextRenewalOn: { from: sub.next_renewal_on, to: null },
    },
  });
  const { jobId } = await scheduleEndOfTerm(trx, deps, { subscriptionId: sub.id });
  return { jobId };
}
