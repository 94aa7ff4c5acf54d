// The refund policy: the versioned policy document (published versions in policy_versions, the
// admin's draft in policy_drafts), its pure evaluation of a refund request, the diff between two
// versions and the customer-facing page.
export type { Signal as EvaluatedAbuseSignal } from './abuse-signals';
export { type ApprovalKind, roleNeeded } from './approval';
export { DEFAULT_POLICY } from './default-policy';
export { evaluate, evaluateOutcome } from './evaluate';
export {
  type AbuseSignal,
  type Decision,
  type Evaluation,
  type Explanation,
  evaluationResult,
  type RefundFacts,
  refundFacts,
} from './evaluation.schemas';
export { PolicyErrors } from './policy.errors';
export {
  type ApprovalLimits,
  BASES,
  type Basis,
  type Category,
  IN_POLICY_BASES,
  type PolicyDocument,
  PRODUCT_CATEGORIES,
  policyDocument,
  type ReturnWindow,
  SCORE_FACTORS,
  type ScoreFactor,
} from './policy.schemas';
export { diffPolicies, type PolicyChange } from './policy-diff';
export { type PolicyPage, type PolicyPageSection, type PolicySectionId, policyPage } from './policy-page';
export type { PublishedPolicy } from './published-policy';
export { getPolicyDraft } from './use-cases/get-policy-draft';
export { getPolicyInForce } from './use-cases/get-policy-in-force';
export { getPolicyVersion } from './use-cases/get-policy-version';
