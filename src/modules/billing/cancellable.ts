import type { Executor } from '../../platform/audit';
import { DomainError } from '../../platform/errors';
import { BillingErrors } from './billing.errors';
import { lockSubscriptionDetail } from './billing.repository';

/** Statuses a subscription can be cancelled from. */
const CANCELLABLE = new Set(['active', 'trialing', 'past_due', 'paused']);

/** The subscription, locked, or SUBSCRIPTION_NOT_FOUND; refused unless it can still be cancelled. */
export async function lockCancellableSubscription(trx: Executor, subscriptionId: string, field: string) {
  const sub = await lockSubscriptionDetail(trx, subscriptionId);
  if (!sub)
    throw new DomainError(BillingErrors.SUBSCRIPTION_NOT_FOUND, `No subscription ${subscriptionId}`, {
      field,
    });
  if (!CANCELLABLE.has(sub.status))
    throw new DomainError(
      BillingErrors.SUBSCRIPTION_NOT_CANCELLABLE,
      `Subscription ${sub.id} is ${sub.status}: it cannot be cancelled`,
      { field, subscriptionStatus: sub.status },
    );
  return sub;
}
