import { daysBetween } from '../../platform/clock';
import { moneyRatio } from '../../platform/money';
import type { Evaluation } from './evaluation.schemas';
import { type EvaluationContext, inLast12Months } from './evaluation-context';
import { explainFactor, type FactorWords } from './explanations';
import { SCORE_FACTORS, type ScoreFactor } from './policy.schemas';

// The exception score: every factor gives points from -100 (against a refund) to +100 (for one),
// the policy weighs them, and the score is the weighted mean, rounded: -100..100 whatever the
// weights add up to, so the thresholds keep their meaning when an admin changes a weight.

export type ScoredFactor = Evaluation['factors'][number];

// `|| 0`: no -0 in a result, which JSON would turn into 0 and a stored evaluation would differ by
const clamp = (points: number) => Math.max(-100, Math.min(100, points)) || 0;
/** 0 at nothing, 100 at `full` and beyond, linear between (rounded down). */
const linear = (value: number, full: number) => clamp(Math.floor((100 * Math.max(0, value)) / full));

type FactorRule<F extends ScoreFactor> = (
  ctx: EvaluationContext,
  daysPast: number | null,
) => { points: number; words: FactorWords[F] };

const RULES: { [F in ScoreFactor]: FactorRule<F> } = {
  reason: (ctx) => {
    const reason = ctx.policy.reasons[ctx.facts.reasonCode];
    const label = reason ?? { de: ctx.facts.reasonCode, en: ctx.facts.reasonCode };
    return { points: reason?.points ?? ctx.policy.scoring.unknownReasonPoints, words: { label } };
  },
  productType: (ctx) => {
    const category = ctx.facts.payment.category;
    return { points: ctx.policy.scoring.productTypePoints[category], words: { category } };
  },
  daysPastWindow: (ctx, daysPast) => {
    const full = ctx.policy.scoring.daysPastWindowFullPenaltyDays;
    return { points: daysPast === null ? 0 : clamp(-linear(daysPast, full)), words: { daysPast } };
  },
  tenure: (ctx) => {
    const days = Math.max(0, daysBetween(ctx.dayOf(ctx.facts.customer.customerSince), ctx.today));
    return { points: linear(days, ctx.policy.scoring.tenureFullCreditDays), words: { days } };
  },
  lifetimeValue: (ctx) => {
    const amount = ctx.facts.customer.lifetimeValue;
    const full = ctx.amount(ctx.policy.scoring.lifetimeValueFullCreditMinor);
    return { points: clamp(moneyRatio(amount, full, 100)), words: { amount } };
  },
  priorRefunds: (ctx) => {
    const count = ctx.facts.history.refunds.filter((r) => inLast12Months(ctx, r.at)).length;
    return { points: clamp(count * ctx.policy.scoring.pointsPerPriorRefund), words: { count } };
  },
  complaints: (ctx) => {
    const count = ctx.facts.history.complaints.filter((c) => inLast12Months(ctx, c.at)).length;
    return { points: clamp(count * ctx.policy.scoring.pointsPerComplaint), words: { count } };
  },
  verification: (ctx) => {
    const state = ctx.facts.customer.verification;
    return { points: ctx.policy.scoring.verificationPoints[state], words: { state } };
  },
};

function scored<F extends ScoreFactor>(
  ctx: EvaluationContext,
  factor: F,
  daysPast: number | null,
): ScoredFactor {
  const { points, words } = (RULES[factor] as FactorRule<F>)(ctx, daysPast);
  const weight = ctx.policy.scoring.weights[factor];
  return { factor, points, weight, ...explainFactor(factor, words, points, weight) };
}

/** Every factor with its points, weight and sentence, and the weighted mean of the points. */
export function scoreFactors(
  ctx: EvaluationContext,
  daysPast: number | null,
): { score: number; factors: ScoredFactor[] } {
  const factors = SCORE_FACTORS.map((f) => scored(ctx, f, daysPast));
  const weights = factors.reduce((sum, f) => sum + f.weight, 0);
  const weighted = factors.reduce((sum, f) => sum + f.weight * f.points, 0);
  const mean = weights === 0 ? 0 : weighted / weights;
  // Math.round takes 2.5 to 3 but -2.5 to -2: halves go away from zero on both sides here
  const rounded = Math.round(Math.abs(mean));
  return { score: mean < 0 ? -rounded || 0 : rounded, factors };
}
