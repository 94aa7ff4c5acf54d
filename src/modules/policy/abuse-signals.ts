import { daysBetween } from '../../platform/clock';
import { compareMoney, type Money, scaleMoney, subtractMoney } from '../../platform/money';
import type { Evaluation } from './evaluation.schemas';
import { type EvaluationContext, inLast12Months } from './evaluation-context';
import { explain } from './explanations';

// The patterns seed 003 warns about ("es gibt einige Leute, die das tun"): signals for a person
// to look at, never a verdict. A goodwill request with a signal goes to a lead.

export type Signal = Evaluation['abuseSignals'][number];

function repeatedRefunds(ctx: EvaluationContext): Signal | null {
  const threshold = ctx.policy.abuse.repeatedRefundsCount;
  const count = ctx.facts.history.refunds.filter((r) => inLast12Months(ctx, r.at)).length;
  if (count < threshold) return null;
  return { signal: 'repeated_refunds', ...explain('signal_repeated_refunds', { count, threshold }) };
}

/** A renewal payment refunded within a few days of the renewal (the first payment has none). */
function afterRenewal(ctx: EvaluationContext): Signal | null {
  const subscription = ctx.facts.subscription;
  if (!subscription || subscription.isFirstPayment || !subscription.lastRenewedAt) return null;
  const renewedOn = ctx.dayOf(subscription.lastRenewedAt);
  const days = daysBetween(renewedOn, ctx.today);
  if (days < 0 || days > ctx.policy.abuse.afterRenewalDays) return null;
  return { signal: 'after_renewal', ...explain('signal_after_renewal', { days, renewedOn }) };
}

/** This request and the earlier ones of the last `burstDays` days (that many days ago is out). */
function requestBurst(ctx: EvaluationContext): Signal | null {
  const { burstDays: days, burstCount } = ctx.policy.abuse;
  const earlier = ctx.facts.history.requests.filter((r) => {
    const ago = daysBetween(ctx.dayOf(r.at), ctx.today);
    return ago >= 0 && ago < days;
  }).length;
  const count = earlier + 1;
  if (count < burstCount) return null;
  return { signal: 'request_burst', ...explain('signal_request_burst', { count, days }) };
}

/** The limits someone might stay just under: the agent's and lead's approval limits, the goodwill limit. */
function limitsToWatch(ctx: EvaluationContext): Money[] {
  const { approvalLimits, goodwill } = ctx.policy;
  const minors = [
    approvalLimits.inPolicy.agent,
    approvalLimits.inPolicy.lead,
    approvalLimits.exception.lead,
    goodwill.maxPerRequestMinor,
  ];
  return [...new Set(minors)]
    .filter((l) => l > 0)
    .sort((a, b) => a - b)
    .map(ctx.amount);
}

/** The requested amount just under a limit, as often as the policy calls a pattern in 12 months. */
function justUnderLimit(ctx: EvaluationContext): Signal | null {
  const requested = ctx.facts.requested;
  if (!requested) return null;
  const { justUnderMarginBps, justUnderOccurrences } = ctx.policy.abuse;
  for (const limit of limitsToWatch(ctx)) {
    const floor = subtractMoney(limit, scaleMoney(limit, justUnderMarginBps, 10_000));
    const near = (a: Money) => compareMoney(a, limit) <= 0 && compareMoney(a, floor) >= 0;
    if (!near(requested)) continue;
    const earlier = ctx.facts.history.refunds.filter(
      (r) => inLast12Months(ctx, r.at) && near(r.amount),
    ).length;
    const occurrences = earlier + 1;
    if (occurrences >= justUnderOccurrences)
      return {
        signal: 'just_under_limit',
        ...explain('signal_just_under_limit', { amount: requested, limit, occurrences }),
      };
  }
  return null;
}

/** Every signal the facts raise, in a fixed order. */
export function abuseSignals(ctx: EvaluationContext): Signal[] {
  return [repeatedRefunds(ctx), afterRenewal(ctx), requestBurst(ctx), justUnderLimit(ctx)].filter(
    (s): s is Signal => s !== null,
  );
}
