import { compareMoney, isPositiveMoney, type Money, minMoney } from '../../platform/money';
import type { Role } from '../../platform/roles';
import { abuseSignals, type Signal } from './abuse-signals';
import { type ApprovalKind, approvalLimit, higherRole, roleBelow, roleNeeded } from './approval';
import {
  type BasisCheck,
  checkDefect,
  checkGuarantee,
  checkProRata,
  checkReturnWindow,
  checkWithdrawal,
  restocked,
} from './bases';
import type { Decision, Evaluation, Explanation, RefundFacts } from './evaluation.schemas';
import { contextFor, type EvaluationContext } from './evaluation-context';
import { explain, withoutWords } from './explanations';
import { decisionFor, goodwillLimits, scoredShare } from './goodwill';
import type { PolicyDocument } from './policy.schemas';
import { scoreFactors } from './score';

/** What the chosen basis leads to, before the approval level is read from the limits. */
interface Outcome {
  requested: Money;
  recommended: Money;
  decision: Decision;
  exception: Evaluation['exception'];
  /** A goodwill limit is exceeded by the request, or has nothing left for it. */
  overLimit: boolean;
  limitsExhausted: boolean;
  findings: Explanation[];
}

/**
 * The same evaluation with the findings' sentences left empty (their codes kept): for replays that
 * compare only the outcome — decision, amounts, basis, approval — such as the policy simulator.
 */
export function evaluateOutcome(facts: RefundFacts, policy: PolicyDocument, now: Date): Evaluation {
  return withoutWords(() => evaluate(facts, policy, now));
}

/**
 * Evaluates a refund request against a policy version, purely: the same facts, policy and `now`
 * give the same result, also after a JSON round trip of all three. Days are calendar days in the
 * policy's time zone; money goes through platform/money. Throws a RangeError when the payment's
 * currency is not the policy's.
 */
export function evaluate(facts: RefundFacts, policy: PolicyDocument, now: Date): Evaluation {
  const ctx = contextFor(facts, policy, now);
  const returnWindow = checkReturnWindow(ctx);
  const checks = [
    checkWithdrawal(ctx),
    checkGuarantee(ctx),
    returnWindow,
    checkDefect(ctx),
    checkProRata(ctx),
  ].filter((c): c is BasisCheck => c !== null);
  const chosen = chooseBasis(ctx, checks);
  const { score, factors } = scoreFactors(ctx, returnWindow.daysPast);
  const signals = abuseSignals(ctx);
  const outcome =
    chosen.basis === 'goodwill'
      ? goodwillOutcome(ctx, chosen, score, signals, returnWindow.daysPast)
      : inPolicyOutcome(ctx, chosen);
  const approval = approvalFor(ctx, chosen, outcome);
  return {
    policyVersion: policy.version,
    evaluatedOn: ctx.today,
    basis: chosen.basis,
    inPolicy: chosen.basis !== 'goodwill',
    exception: outcome.exception,
    remainder: ctx.remainder,
    restockingFee: chosen.fee,
    maxRefundable: chosen.max,
    requested: outcome.requested,
    recommended: outcome.recommended,
    decision: outcome.decision,
    approval: { recommended: approval.recommended, requested: approval.requested },
    score,
    factors,
    abuseSignals: signals,
    findings: [
      ...checks.map((c) => c.finding),
      explain('basis', { basis: chosen.basis }),
      ...amountFindings(ctx, chosen, outcome),
      ...outcome.findings,
      explain('decision', outcome),
      ...approval.findings,
    ],
  };
}

/**
 * The basis that allows the customer the most; on a tie the stronger one in BASES order
 * (withdrawal, guarantee, return window, defect, pro rata). Goodwill when none applies.
 */
function chooseBasis(ctx: EvaluationContext, checks: BasisCheck[]): BasisCheck {
  let best: BasisCheck | null = null;
  for (const check of checks)
    if (check.applies && (!best || compareMoney(check.max, best.max) > 0)) best = check;
  if (best) return best;
  return {
    basis: 'goodwill',
    applies: true,
    ...restocked(ctx, 'goodwill'),
    finding: explain('basis', { basis: 'goodwill' }),
  };
}

/** What the customer asks for: the amount named, or as much as the basis allows. */
function requestedAmount(ctx: EvaluationContext, max: Money): Money {
  return ctx.facts.requested ?? max;
}

/** A rule grants it: as asked, up to the maximum. Signals are shown but do not take a right away. */
function inPolicyOutcome(ctx: EvaluationContext, chosen: BasisCheck): Outcome {
  const requested = requestedAmount(ctx, chosen.max);
  const recommended = minMoney(requested, chosen.max);
  const decision = decisionFor(recommended, requested);
  return {
    requested,
    recommended,
    decision,
    exception: null,
    overLimit: false,
    limitsExhausted: false,
    findings: [],
  };
}

/** The exception: the score's share of the request within the goodwill limits; a signal or an exhausted limit escalates. */
function goodwillOutcome(
  ctx: EvaluationContext,
  chosen: BasisCheck,
  score: number,
  signals: Signal[],
  daysPastWindow: number | null,
): Outcome {
  const requested = requestedAmount(ctx, chosen.max);
  const asked = minMoney(requested, chosen.max);
  const limits = goodwillLimits(ctx, asked);
  const exception = { daysPastWindow, ...limits.exception };
  const overLimit = Object.values(limits.exception).some((v) => v !== null);
  const scoring = explain('score', { score, ...ctx.policy.scoring });
  const category = ctx.facts.payment.category;
  if (ctx.policy.nonRefundableCategories.includes(category)) {
    const findings = [explain('goodwill_non_refundable', { category }), ...limits.findings, scoring];
    return {
      requested,
      recommended: ctx.zero,
      decision: 'deny',
      exception,
      overLimit,
      limitsExhausted: false,
      findings,
    };
  }
  const target = scoredShare(ctx, asked, score);
  const recommended = minMoney(target, limits.cap);
  const limitsExhausted = isPositiveMoney(target) && !isPositiveMoney(recommended);
  const escalate = isPositiveMoney(target) && (signals.length > 0 || limitsExhausted);
  const decision = escalate ? 'escalate' : decisionFor(recommended, requested);
  return {
    requested,
    recommended,
    decision,
    exception,
    overLimit,
    limitsExhausted,
    findings: [...limits.findings, scoring],
  };
}

function amountFindings(ctx: EvaluationContext, chosen: BasisCheck, outcome: Outcome): Explanation[] {
  const { paid, alreadyRefunded } = ctx.facts.payment;
  const findings = [explain('remainder', { paid, refunded: alreadyRefunded, remainder: ctx.remainder })];
  if (isPositiveMoney(chosen.fee))
    findings.push(explain('restocking_fee', { bps: chosen.feeBps, fee: chosen.fee }));
  if (compareMoney(outcome.requested, chosen.max) > 0)
    findings.push(explain('requested_over_max', { requested: outcome.requested, max: chosen.max }));
  return findings;
}

/**
 * Who may approve the recommendation and who the request in full: the limits of the basis's kind;
 * at least a lead on an escalation, an admin where a goodwill limit is exceeded or exhausted.
 */
function approvalFor(ctx: EvaluationContext, chosen: BasisCheck, outcome: Outcome) {
  const kind: ApprovalKind = chosen.basis === 'goodwill' ? 'exception' : 'inPolicy';
  const byAmount = roleNeeded(ctx.policy, outcome.recommended, kind);
  let recommended: Role = byAmount.role;
  let finding = amountApproval(ctx, kind, recommended);
  if (outcome.limitsExhausted) {
    recommended = 'admin';
    finding = explain('approval_over_limit', { role: recommended });
  } else if (outcome.decision === 'escalate') {
    recommended = higherRole(recommended, 'lead');
    finding = explain('approval_signals', { role: recommended });
  }
  const asked = minMoney(outcome.requested, chosen.max);
  const requested = outcome.overLimit
    ? 'admin'
    : higherRole(roleNeeded(ctx.policy, asked, kind).role, recommended);
  const findings = [finding];
  if (requested !== recommended)
    findings.push(explain('approval_requested', { role: requested, amount: asked }));
  const adminLimit = approvalLimit(ctx.policy, kind, 'admin');
  if (adminLimit && !roleNeeded(ctx.policy, asked, kind).withinLimits)
    findings.push(explain('approval_above_all', { limit: adminLimit }));
  return { recommended, requested, findings };
}

function amountApproval(ctx: EvaluationContext, kind: ApprovalKind, role: Role): Explanation {
  if (role === 'agent') return explain('approval_agent', { limit: approvalLimit(ctx.policy, kind, 'agent') });
  const below = roleBelow(role);
  return explain('approval_amount', { role, below, belowLimit: approvalLimit(ctx.policy, kind, below) });
}
