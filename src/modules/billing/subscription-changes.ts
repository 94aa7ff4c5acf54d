import { DomainError } from '../../platform/errors';
import { type Money, money, scaleMoney, subtractMoney } from '../../platform/money';
import { SubscriptionChangeErrors } from './subscription-changes.errors';
import type { SubscriptionWithPlan } from './subscription-changes.repository';

export const RESUME_JOB = 'subscription.resume';
export const RESUME_SWEEP_JOB = 'subscription.resume-sweep';
/** Shortly after midnight in the company's time zone, every day (after the end-of-term sweep). */
export const RESUME_SWEEP_CRON = '10 0 * * *';

export type ResumeOutcome = 'resumed' | 'not_paused' | 'not_due' | 'not_found';

const CHANGEABLE = new Set(['active', 'trialing']);

/** Offers change only a running subscription: not a paused, ending, ended or unpaid one. */
export function assertChangeable(sub: Pick<SubscriptionWithPlan, 'id' | 'status'>, field: string) {
  if (!CHANGEABLE.has(sub.status))
    throw new DomainError(
      SubscriptionChangeErrors.SUBSCRIPTION_NOT_CHANGEABLE,
      `The subscription is ${sub.status}; only an active subscription can be changed`,
      { field, subscriptionStatus: sub.status },
    );
}

/**
 * What the next renewal charges: the subscription's price, less a running retention discount
 * (percent off, rounded to the cent) while it has cycles left. The renewal job calls this and
 * then `afterDiscountedRenewal` to count the cycle down.
 */
export function renewalPrice(sub: {
  price_minor: number;
  currency: string;
  discount_percent: number | null;
  discount_cycles_left: number | null;
}): Money {
  const price = money(Number(sub.price_minor), sub.currency);
  if (!sub.discount_percent || !sub.discount_cycles_left) return price;
  return subtractMoney(price, scaleMoney(price, sub.discount_percent, 100));
}

/** The discount columns after one renewal: one cycle fewer, cleared when none is left. */
export function afterDiscountedRenewal(sub: {
  discount_percent: number | null;
  discount_cycles_left: number | null;
}) {
  const left = Math.max(0, (sub.discount_cycles_left ?? 0) - 1);
  return left === 0
    ? { discount_percent: null, discount_cycles_left: null }
    : { discount_percent: sub.discount_percent, discount_cycles_left: left };
}
