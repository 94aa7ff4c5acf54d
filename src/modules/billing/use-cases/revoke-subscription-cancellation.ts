import { writeAudit } from '../../../platform/audit';
import { businessDate } from '../../../platform/clock';
import type { Trx, UseCaseDeps } from '../../../platform/deps';
import { DomainError } from '../../../platform/errors';
import { BillingErrors } from '../billing.errors';
import { lockSubscriptionDetail, updateSubscriptionTerm } from '../billing.repository';

/**
 * Takes back a cancellation at period end before it takes effect, in the caller's transaction:
 * the subscription is active again and renews on its period's end as before, audited. The
 * end-of-term job, when it comes, finds nothing pending and does nothing.
 */
export async function revokeSubscriptionCancellation(
  trx: Trx,
  deps: UseCaseDeps,
  input: { subscriptionId: string; caseId?: string | null; field?: string },
): Promise<void> {
  const now = deps.clock.now();
  const field = input.field ?? 'body.subscriptionId';
  const sub = await lockSubscriptionDetail(trx, input.subscriptionId);
  if (!sub)
    throw new DomainError(BillingErrors.SUBSCRIPTION_NOT_FOUND, `No subscription ${input.subscriptionId}`, {
      field,
    });
  const today = businessDate(now, deps.config.timeZone);
  if (sub.status !== 'pending_cancellation' || !sub.cancel_effective_on || sub.cancel_effective_on <= today)
    throw new DomainError(
      BillingErrors.SUBSCRIPTION_CANCELLATION_NOT_REVOCABLE,
      `Subscription ${sub.id} has no cancellation still to come (${sub.status}, ${sub.cancel_effective_on ?? '-'})`,
      { field, subscriptionStatus: sub.status, effectiveOn: sub.cancel_effective_on },
    );
  await updateSubscriptionTerm(trx, sub.id, {
    status: 'active',
    cancel_effective_on: null,
    next_renewal_on: sub.current_period_end,
    cancelled_at: null,
  });
  await writeAudit(trx, deps.actor, now, {
    action: 'subscription.cancellation_revoked',
    entityType: 'subscription',
    entityId: sub.id,
    accountId: sub.account_id,
    caseId: input.caseId ?? null,
    changes: {
      status: { from: 'pending_cancellation', to: 'active' },
      effectiveOn: { from: sub.cancel_effective_on, to: null },
      nextRenewalOn: { from: null, to: sub.current_period_end },
    },
  });
}
