import type { UseCaseDeps } from '../../../platform/deps';
import { getSetting } from '../../settings';
import { policyPage } from '../policy-page';
import type { Lang } from '../wording';
import { getPolicyInForce } from './get-policy-in-force';

/** The policy in force today as customers read it, in their language, and whose policy it is. */
export async function getPublicPolicy(deps: UseCaseDeps, input: { lang: Lang }) {
  const [policy, desk] = await Promise.all([getPolicyInForce(deps), getSetting(deps.db, 'desk')]);
  return {
    page: {
      version: policy.version,
      effectiveFrom: policy.effectiveFrom,
      ...policyPage(policy.document, input.lang),
    },
    companyName: desk.companyName,
  };
}
