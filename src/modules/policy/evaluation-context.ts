import { addMonths, businessDate, daysBetween } from '../../platform/clock';
import { type Money, money } from '../../platform/money';
import { refundableRemainder } from '../billing';
import type { RefundFacts } from './evaluation.schemas';
import type { PolicyDocument } from './policy.schemas';

/** The facts and the policy of one evaluation, with its calendar: every day in the policy's time zone. */
export interface EvaluationContext {
  facts: RefundFacts;
  policy: PolicyDocument;
  /** The business day of `now`. */
  today: string;
  /** The last day before the rolling 12 months that end today. */
  twelveMonthsBefore: string;
  dayOf(at: string): string;
  /** Money of the policy's currency from minor units. */
  amount(minor: number): Money;
  zero: Money;
  /** Paid minus already refunded: no basis ever allows more. */
  remainder: Money;
}

export function contextFor(facts: RefundFacts, policy: PolicyDocument, now: Date): EvaluationContext {
  const currency = facts.payment.paid.currency;
  if (currency !== policy.currency)
    throw new RangeError(
      `the payment is in ${currency}, policy version ${policy.version} in ${policy.currency}`,
    );
  const today = businessDate(now, policy.timeZone);
  // the same instants are read by several rules (the history by the score, the signals and the limits)
  const days = new Map<string, string>();
  const dayOf = (at: string) => {
    let day = days.get(at);
    if (day === undefined) {
      day = businessDate(new Date(at), policy.timeZone);
      days.set(at, day);
    }
    return day;
  };
  return {
    facts,
    policy,
    today,
    twelveMonthsBefore: addMonths(today, -12),
    dayOf,
    amount: (minor) => money(minor, currency),
    zero: money(0, currency),
    remainder: refundableRemainder({
      amount_minor: facts.payment.paid.amountMinor,
      refunded_minor: facts.payment.alreadyRefunded.amountMinor,
      currency,
    }),
  };
}

/** Whether an instant falls in the rolling 12 months that end today (a year ago to the day is out). */
export function inLast12Months(ctx: EvaluationContext, at: string): boolean {
  const day = ctx.dayOf(at);
  return day > ctx.twelveMonthsBefore && day <= ctx.today;
}

/** Where today lies in a window of `days` calendar days from `start`: day 0 is the start's own day. */
export interface WindowPosition {
  day: number;
  inside: boolean;
  daysPast: number;
}

/** Null when the window has not started (goods not delivered yet). */
export function windowPosition(
  ctx: EvaluationContext,
  start: string | null,
  days: number,
): WindowPosition | null {
  if (start === null) return null;
  const day = Math.max(0, daysBetween(ctx.dayOf(start), ctx.today));
  return { day, inside: day <= days, daysPast: Math.max(0, day - days) };
}
