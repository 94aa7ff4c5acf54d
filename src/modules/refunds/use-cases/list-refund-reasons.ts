import type { UseCaseDeps } from '../../../platform/deps';
import { getPolicyInForce } from '../../policy';
import type { RefundReasonsResponse } from '../refunds.schemas';

/** The reasons an intake may name today: the taxonomy of the policy in force, worded in both languages (the document is JSON: no order). */
export async function listRefundReasons(deps: UseCaseDeps): Promise<RefundReasonsResponse> {
  const policy = await getPolicyInForce(deps);
  return {
    policyVersion: policy.version,
    items: Object.entries(policy.document.reasons).map(([code, r]) => ({ code, de: r.de, en: r.en })),
  };
}
