// The refund policy: the versioned policy document, the facts of a refund request and the
// diff between two versions. No tables or routes yet: the refund desk stores policies and
// decisions and calls these.
export { DEFAULT_POLICY } from './default-policy';
export {
  type AbuseSignal,
  type Decision,
  type Evaluation,
  type Explanation,
  evaluationResult,
  type RefundFacts,
  refundFacts,
} from './evaluation.schemas';
export { type PolicyChange, diffPolicies } from './policy-diff';
export {
  type ApprovalLimits,
  BASES,
  type Basis,
  type Category,
  IN_POLICY_BASES,
  PRODUCT_CATEGORIES,
  type PolicyDocument,
  policyDocument,
  type ReturnWindow,
  SCORE_FACTORS,
  type ScoreFactor,
} from './policy.schemas';
