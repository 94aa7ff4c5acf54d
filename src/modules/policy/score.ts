import { daysBetween } from '../../platform/clock';
import { moneyRatio } from '../../platform/money';
import type { Evaluation } from './evaluation.schemas';
import { type EvaluationContext, inLast12Months } from './evaluation-context';
import { explain } from './explanations';
import { SCORE_FACTORS, type ScoreFactor } from './policy.schemas';

// The exception score: every factor gives points from -100 (against a refund) to +100 (for one),
// the policy weighs them, and the score is the weighted mean, rounded: -100..100 whatever the
// weights add up to, so the thresholds keep their meaning when an admin changes a weight.

export type ScoredFactor = Evaluation['factors'][number];

// `|| 0`: no -0 in a result, which JSON would turn into 0 and a stored evaluation would differ by
const clamp = (points: number) => Math.max(-100, Math.min(100, points)) || 0;
/** 0 at nothing, 100 at `full` and beyond, linear between (rounded down). */
const linear = (value: number, full: number) => clamp(Math.floor((100 * Math.max(0, value)) / full));

type FactorRule = (ctx: EvaluationContext, weight: number, daysPast: number | null) => ScoredFactor;

const RULES: Record<ScoreFactor, FactorRule> = {
  reason: (ctx, weight) => {
    const reason = ctx.policy.reasons[ctx.facts.reasonCode];
    const points = reason?.points ?? ctx.policy.scoring.unknownReasonPoints;
    const label = reason ?? { de: ctx.facts.reasonCode, en: ctx.facts.reasonCode };
    return { factor: 'reason', points, weight, ...explain('factor_reason', { label, points, weight }) };
  },
  productType: (ctx, weight) => {
    const category = ctx.facts.payment.category;
    const points = ctx.policy.scoring.productTypePoints[category];
    return {
      factor: 'productType',
      points,
      weight,
      ...explain('factor_productType', { category, points, weight }),
    };
  },
  daysPastWindow: (ctx, weight, daysPast) => {
    const points =
      daysPast === null ? 0 : clamp(-linear(daysPast, ctx.policy.scoring.daysPastWindowFullPenaltyDays));
    return {
      factor: 'daysPastWindow',
      points,
      weight,
      ...explain('factor_daysPastWindow', { daysPast, points, weight }),
    };
  },
  tenure: (ctx, weight) => {
    const days = Math.max(0, daysBetween(ctx.dayOf(ctx.facts.customer.customerSince), ctx.today));
    const points = linear(days, ctx.policy.scoring.tenureFullCreditDays);
    return { factor: 'tenure', points, weight, ...explain('factor_tenure', { days, points, weight }) };
  },
  lifetimeValue: (ctx, weight) => {
    const amount = ctx.facts.customer.lifetimeValue;
    const points = clamp(
      moneyRatio(amount, ctx.amount(ctx.policy.scoring.lifetimeValueFullCreditMinor), 100),
    );
    return {
      factor: 'lifetimeValue',
      points,
      weight,
      ...explain('factor_lifetimeValue', { amount, points, weight }),
    };
  },
  priorRefunds: (ctx, weight) => {
    const count = ctx.facts.history.refunds.filter((r) => inLast12Months(ctx, r.at)).length;
    const points = clamp(count * ctx.policy.scoring.pointsPerPriorRefund);
    return {
      factor: 'priorRefunds',
      points,
      weight,
      ...explain('factor_priorRefunds', { count, points, weight }),
    };
  },
  complaints: (ctx, weight) => {
    const count = ctx.facts.history.complaints.filter((c) => inLast12Months(ctx, c.at)).length;
    const points = clamp(count * ctx.policy.scoring.pointsPerComplaint);
    return {
      factor: 'complaints',
      points,
      weight,
      ...explain('factor_complaints', { count, points, weight }),
    };
  },
  verification: (ctx, weight) => {
    const state = ctx.facts.customer.verification;
    const points = ctx.policy.scoring.verificationPoints[state];
    return {
      factor: 'verification',
      points,
      weight,
      ...explain('factor_verification', { state, points, weight }),
    };
  },
};

/** Every factor with its points, weight and sentence, and the weighted mean of the points. */
export function scoreFactors(
  ctx: EvaluationContext,
  daysPast: number | null,
): { score: number; factors: ScoredFactor[] } {
  const factors = SCORE_FACTORS.map((f) => RULES[f](ctx, ctx.policy.scoring.weights[f], daysPast));
  const weights = factors.reduce((sum, f) => sum + f.weight, 0);
  const weighted = factors.reduce((sum, f) => sum + f.weight * f.points, 0);
  const mean = weights === 0 ? 0 : weighted / weights;
  // Math.round takes 2.5 to 3 but -2.5 to -2: halves go away from zero on both sides here
  const rounded = Math.round(Math.abs(mean));
  return { score: mean < 0 ? -rounded || 0 : rounded, factors };
}
