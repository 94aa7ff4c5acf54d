import { addDays, businessDate } from '../../platform/clock';
import { type Money, money } from '../../platform/money';
import type { Role } from '../../platform/roles';
import {
  type Basis,
  type Evaluation,
  evaluate,
  type PolicyDocument,
  type RefundFacts,
  roleNeeded,
} from '../policy';
import type { Effective } from './cancellations.table';

// The effective-date and refund rules of a cancellation, as pure functions of the subscription's
// period, the company's calendar and the policy. A period runs from `start` up to `end`, the day
// the next period would start: a cancellation at period end takes effect on `end` (the customer
// keeps the service through the day before), an immediate one today.

/** How long after the effective date the customer can still export their data and reactivate. */
export const DATA_EXPORT_DAYS = 30;

export interface Period {
  start: string;
  end: string;
}

/** The company's calendar day of an instant (Europe/Berlin by default): 23:30 UTC on 30 June is 1 July. */
export const todayOf = (now: Date, timeZone: string) => businessDate(now, timeZone);

/** The day the cancellation takes effect: the period's end, or today (also when the period is already over). */
export function effectiveOnFor(effective: Effective, period: Period, today: string): string {
  if (effective === 'immediate') return today;
  return period.end > today ? period.end : today;
}

/** The last day the customer still has the service. */
export function serviceUntil(effective: Effective, period: Period, today: string): string {
  return effective === 'immediate' ? today : addDays(effectiveOnFor(effective, period, today), -1);
}

/** The last billing date: the current period's start, when it was charged; nothing is charged after it. */
export function lastBillingOn(period: Period): string {
  return period.start;
}

/** Until when the customer can export their data (and reactivate with everything kept). */
export function dataExportUntil(effectiveOn: string): string {
  return addDays(effectiveOn, DATA_EXPORT_DAYS);
}

export interface RefundOption {
  amount: Money;
  /** The policy's basis for the refund; null when none is due. */
  basis: Basis | null;
  /** The evaluation's sentences (German and English) for the desk; empty when the policy was not asked. */
  findings: Evaluation['findings'];
  policyVersion: number | null;
  /** The lowest staff role whose in-policy approval limit covers the refund. */
  roleNeeded: Role;
}

/**
 * The refund a cancellation implies under the policy. At period end the customer keeps what they
 * paid for, so none is due. Immediately, the payment that paid the current period is evaluated as
 * if cancelled today: the guarantee and the withdrawal right give it back in full, the pro-rata
 * rule (annual plans) the unused part; only an in-policy basis counts (goodwill is the refund
 * desk's). `facts` null: no payment to refund.
 */
export function refundFor(
  effective: Effective,
  facts: RefundFacts | null,
  policy: { version: number; document: PolicyDocument },
  now: Date,
): RefundOption {
  const currency = facts?.payment.paid.currency ?? policy.document.currency;
  const nothing: RefundOption = {
    amount: money(0, currency),
    basis: null,
    findings: [],
    policyVersion: null,
    roleNeeded: 'agent',
  };
  if (effective === 'period_end' || !facts) return nothing;
  const today = todayOf(now, policy.document.timeZone);
  const cancelled: RefundFacts = facts.subscription
    ? { ...facts, subscription: { ...facts.subscription, cancelEffectiveOn: today } }
    : facts;
  const evaluation = evaluate(cancelled, policy.document, now);
  const due = evaluation.inPolicy && evaluation.maxRefundable.amountMinor > 0;
  const amount = due ? evaluation.maxRefundable : money(0, currency);
  return {
    amount,
    roleNeeded: due ? roleNeeded(policy.document, amount, 'inPolicy').role : 'agent',
    basis: due ? evaluation.basis : null,
    findings: evaluation.findings,
    policyVersion: policy.version,
  };
}

/**
 * The reference a customer is given for a cancellation (KND-…): the last 12 characters of the
 * request's id, all from its random part (60 bits). With eight (40 bits) a duplicate among n
 * requests has a chance of about n²/2⁴¹ (2 % at 200,000, over a third at a million), and the
 * reference's unique index refuses it; with twelve it is about 4 in 100,000 at ten million.
 */
export function cancellationReference(requestId: string): string {
  return `KND-${requestId.slice(-12).toUpperCase()}`;
}
