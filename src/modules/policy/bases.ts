import { addMonths, daysBetween } from '../../platform/clock';
import { type Money, maxMoney, minMoney, scaleMoney, subtractMoney } from '../../platform/money';
import type { Explanation } from './evaluation.schemas';
import { type EvaluationContext, windowPosition } from './evaluation-context';
import { explain } from './explanations';
import type { Basis } from './policy.schemas';
import { type CountedFrom, windowFrom } from './wording';

// Each basis a refund can rest on, checked on its own: whether it applies, the most it allows and
// the sentence that says why. The evaluation picks among the ones that apply.

export interface BasisCheck {
  basis: Basis;
  applies: boolean;
  /** The most this basis allows (zero when it does not apply), the restocking fee already off. */
  max: Money;
  fee: Money;
  feeBps: number;
  finding: Explanation;
}

/** The return window's verdict, which the goodwill exception measures itself by. */
export interface ReturnWindowCheck extends BasisCheck {
  /** Days past the window; 0 inside it or before it started; null without a window. */
  daysPast: number | null;
}

function full(ctx: EvaluationContext, basis: Basis, finding: Explanation): BasisCheck {
  return { basis, applies: true, max: ctx.remainder, fee: ctx.zero, feeBps: 0, finding };
}

function none(ctx: EvaluationContext, basis: Basis, finding: Explanation): BasisCheck {
  return { basis, applies: false, max: ctx.zero, fee: ctx.zero, feeBps: 0, finding };
}

/** The remainder less the restocking fee, where the policy charges one on this basis. */
export function restocked(ctx: EvaluationContext, basis: 'return_window' | 'goodwill') {
  const { restockingFee } = ctx.policy;
  const feeBps = restockingFee.appliesTo.includes(basis) ? restockingFee.bps[ctx.facts.payment.category] : 0;
  const fee = scaleMoney(ctx.remainder, feeBps, 10_000);
  return { max: maxMoney(subtractMoney(ctx.remainder, fee), ctx.zero), fee, feeBps };
}

function returnable(ctx: EvaluationContext, finding: Explanation): ReturnWindowCheck {
  return { basis: 'return_window', applies: true, ...restocked(ctx, 'return_window'), finding, daysPast: 0 };
}

/** Statutory withdrawal for distance contracts: goods from delivery, subscriptions from signup, the rest from purchase. */
export function checkWithdrawal(ctx: EvaluationContext): BasisCheck {
  const { payment, subscription } = ctx.facts;
  const { days, consentExceptionCategories } = ctx.policy.withdrawal;
  if (!payment.isDistanceContract) return none(ctx, 'withdrawal', explain('withdrawal_no_distance'));
  if (consentExceptionCategories.includes(payment.category) && payment.digitalDeliveryStartedWithConsent)
    return none(ctx, 'withdrawal', explain('withdrawal_consent_exception', { category: payment.category }));
  if (subscription && !subscription.isFirstPayment)
    return none(ctx, 'withdrawal', explain('withdrawal_first_payment_only'));
  const from: CountedFrom =
    payment.category === 'physical' ? 'delivery' : subscription ? 'signup' : 'purchase';
  const start =
    from === 'delivery'
      ? payment.deliveredAt
      : from === 'signup'
        ? subscription!.signedUpAt
        : payment.purchasedAt;
  const position = windowPosition(ctx, start, days);
  if (!position) return full(ctx, 'withdrawal', explain('withdrawal_not_started', { days }));
  if (position.inside)
    return full(ctx, 'withdrawal', explain('withdrawal_inside', { days, from, day: position.day }));
  return none(ctx, 'withdrawal', explain('withdrawal_expired', { days, from, daysPast: position.daysPast }));
}

/** The money-back guarantee: the first payment of a subscription, in full, within N days of signup. */
export function checkGuarantee(ctx: EvaluationContext): BasisCheck | null {
  const { subscription } = ctx.facts;
  const { enabled, days } = ctx.policy.guarantee;
  if (!subscription || !enabled) return null;
  if (!subscription.isFirstPayment) return none(ctx, 'guarantee', explain('guarantee_first_payment_only'));
  const position = windowPosition(ctx, subscription.signedUpAt, days)!;
  if (position.inside)
    return full(ctx, 'guarantee', explain('guarantee_inside', { days, day: position.day }));
  return none(ctx, 'guarantee', explain('guarantee_expired', { days, daysPast: position.daysPast }));
}

/** The contractual return window of the category, with its restocking fee. */
export function checkReturnWindow(ctx: EvaluationContext): ReturnWindowCheck {
  const { payment } = ctx.facts;
  const window = ctx.policy.returnWindows[payment.category];
  if (!window || ctx.policy.nonRefundableCategories.includes(payment.category))
    return {
      ...none(ctx, 'return_window', explain('return_non_refundable', { category: payment.category })),
      daysPast: null,
    };
  const start = window.from === 'delivery' ? payment.deliveredAt : payment.purchasedAt;
  const position = windowPosition(ctx, start, window.days);
  if (!position) return returnable(ctx, explain('return_not_started', { days: window.days }));
  const words = { days: window.days, from: windowFrom(payment.category, window) };
  if (position.inside) return returnable(ctx, explain('return_inside', { ...words, day: position.day }));
  const finding = explain('return_outside', { ...words, daysPast: position.daysPast });
  return { ...none(ctx, 'return_window', finding), daysPast: position.daysPast };
}

/** Warranty for a defect (by the reason code), counted from delivery, or purchase while undelivered. */
export function checkDefect(ctx: EvaluationContext): BasisCheck | null {
  const { payment, reasonCode } = ctx.facts;
  const { warrantyMonths: months, reasonCodes } = ctx.policy.defects;
  if (!reasonCodes.includes(reasonCode)) return null;
  const from: CountedFrom = payment.deliveredAt ? 'delivery' : 'purchase';
  const until = addMonths(ctx.dayOf(payment.deliveredAt ?? payment.purchasedAt), months);
  if (ctx.today <= until) return full(ctx, 'defect', explain('defect_inside', { months, from, until }));
  return none(ctx, 'defect', explain('defect_expired', { months, from, until }));
}

/** Whole calendar months from one day to another (a month ends on the same day of the next). */
function wholeMonths(from: string, to: string): number {
  let months = 0;
  while (addMonths(from, months + 1) <= to) months++;
  return months;
}

/** A cancelled plan of an interval the policy names: the unused part of the period the payment paid for. */
export function checkProRata(ctx: EvaluationContext): BasisCheck | null {
  const { subscription, payment } = ctx.facts;
  const { intervals, method } = ctx.policy.proRata;
  if (!subscription || !intervals.includes(subscription.interval)) return null;
  if (!subscription.cancelEffectiveOn) return none(ctx, 'pro_rata', explain('pro_rata_not_cancelled'));
  const { start, end } = subscription.period;
  const from = subscription.cancelEffectiveOn > start ? subscription.cancelEffectiveOn : start;
  const byDays = method === 'unused_days';
  const unused = from >= end ? 0 : byDays ? daysBetween(from, end) : wholeMonths(from, end);
  const total = byDays ? daysBetween(start, end) : Math.max(1, wholeMonths(start, end));
  if (unused === 0)
    return none(
      ctx,
      'pro_rata',
      explain('pro_rata_nothing_unused', { effectiveOn: subscription.cancelEffectiveOn }),
    );
  const share = minMoney(scaleMoney(payment.paid, unused, total), ctx.remainder);
  const finding = explain('pro_rata', { unused, total, unit: byDays ? 'days' : 'months', amount: share });
  return { ...full(ctx, 'pro_rata', finding), max: share };
}
