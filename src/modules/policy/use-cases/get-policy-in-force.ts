import { businessDate } from '../../../platform/clock';
import type { UseCaseDeps } from '../../../platform/deps';
import { DomainError } from '../../../platform/errors';
import { PolicyErrors } from '../policy.errors';
import { findPolicyInForce } from '../policy.repository';
import { type PublishedPolicy, toPublishedPolicy } from '../published-policy';

/**
 * The published refund policy that decides on a business date (default: today in the company's
 * time zone): the newest version whose effective date has come.
 */
export async function getPolicyInForce(
  deps: UseCaseDeps,
  input: { on?: string } = {},
): Promise<PublishedPolicy> {
  const on = input.on ?? businessDate(deps.clock.now(), deps.config.timeZone);
  const row = await findPolicyInForce(deps.db, on);
  if (!row)
    throw new DomainError(PolicyErrors.POLICY_NOT_IN_FORCE, `No refund policy is in force on ${on}`, { on });
  return toPublishedPolicy(row);
}
