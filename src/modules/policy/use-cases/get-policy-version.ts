import type { UseCaseDeps } from '../../../platform/deps';
import { notFound } from '../../../platform/errors';
import { PolicyErrors } from '../policy.errors';
import { findPolicyVersion } from '../policy.repository';
import { type PublishedPolicy, toPublishedPolicy } from '../published-policy';

/** One published version as recorded (a stored evaluation is replayed against it). */
export async function getPolicyVersion(
  deps: UseCaseDeps,
  input: { version: number; field?: string },
): Promise<PublishedPolicy> {
  const row = await findPolicyVersion(deps.db, input.version);
  if (!row)
    throw notFound(
      PolicyErrors.POLICY_VERSION_NOT_FOUND,
      'Policy version',
      String(input.version),
      input.field ?? 'params.version',
    );
  return toPublishedPolicy(row);
}
