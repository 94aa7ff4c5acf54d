import {
  addMoney,
  compareMoney,
  isPositiveMoney,
  type Money,
  maxMoney,
  minMoney,
  scaleMoney,
  subtractMoney,
  sumMoney,
} from '../../platform/money';
import type { Decision, Evaluation, Explanation } from './evaluation.schemas';
import { type EvaluationContext, inLast12Months } from './evaluation-context';
import { explain } from './explanations';

// Goodwill (Kulanz): what is left when no rule applies. The score says how much of the request
// is recommended, the goodwill limits cap it, and a signal or an exhausted limit hands it on.

export interface GoodwillLimits {
  /** The most goodwill the limits leave for this request. */
  cap: Money;
  exception: Omit<NonNullable<Evaluation['exception']>, 'daysPastWindow'>;
  findings: Explanation[];
}

/** The per-request limit and the customer's goodwill of the rolling 12 months, against `amount`. */
export function goodwillLimits(ctx: EvaluationContext, amount: Money): GoodwillLimits {
  const { maxPerRequestMinor, perCustomer12Months } = ctx.policy.goodwill;
  const earlier = ctx.facts.history.refunds.filter(
    (r) => r.basis === 'goodwill' && inLast12Months(ctx, r.at),
  );
  const used = sumMoney(
    earlier.map((r) => r.amount),
    ctx.zero.currency,
  );
  const perRequest = ctx.amount(maxPerRequestMinor);
  const maxAmount = ctx.amount(perCustomer12Months.maxAmountMinor);
  const countLeft = perCustomer12Months.maxCount - earlier.length;
  const afterThis = addMoney(used, amount);
  const exception = {
    overPerRequestLimit: compareMoney(amount, perRequest) > 0 ? subtractMoney(amount, perRequest) : null,
    overCustomerAmountLimit:
      compareMoney(afterThis, maxAmount) > 0 ? subtractMoney(afterThis, maxAmount) : null,
    overCustomerCountLimit: countLeft <= 0 ? 1 - countLeft : null,
  };
  const findings: Explanation[] = [];
  if (exception.overPerRequestLimit)
    findings.push(explain('over_per_request', { limit: perRequest, over: exception.overPerRequestLimit }));
  if (exception.overCustomerAmountLimit)
    findings.push(
      explain('over_customer_amount', { limit: maxAmount, used, over: exception.overCustomerAmountLimit }),
    );
  if (exception.overCustomerCountLimit)
    findings.push(
      explain('over_customer_count', { limit: perCustomer12Months.maxCount, used: earlier.length }),
    );
  if (findings.length === 0)
    findings.push(
      explain('goodwill_used', {
        count: earlier.length,
        maxCount: perCustomer12Months.maxCount,
        used,
        maxAmount,
      }),
    );
  const amountLeft = maxMoney(subtractMoney(maxAmount, used), ctx.zero);
  return { cap: countLeft <= 0 ? ctx.zero : minMoney(perRequest, amountLeft), exception, findings };
}

/** Approve what was asked, part of it, or nothing. */
export function decisionFor(recommended: Money, requested: Money): Decision {
  if (!isPositiveMoney(recommended)) return 'deny';
  return compareMoney(recommended, requested) >= 0 ? 'approve' : 'approve_partial';
}

/** The score's share of `amount`: all of it from approveFrom, partialShareBps from partialFrom, else none. */
export function scoredShare(ctx: EvaluationContext, amount: Money, score: number): Money {
  const { approveFrom, partialFrom, partialShareBps } = ctx.policy.scoring;
  if (score >= approveFrom) return amount;
  if (score >= partialFrom) return scaleMoney(amount, partialShareBps, 10_000);
  return ctx.zero;
}
