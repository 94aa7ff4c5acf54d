import type { UseCaseDeps } from '../../../platform/deps';
import { DomainError } from '../../../platform/errors';
import { PolicyErrors } from '../policy.errors';
import { findPolicyDraft } from '../policy.repository';
import { type PolicyDocument, policyDocument } from '../policy.schemas';

/** The admin's draft as a policy document (it was validated when saved), or POLICY_NO_DRAFT naming `field`. */
export async function getPolicyDraft(
  deps: UseCaseDeps,
  input: { field: string },
): Promise<{ basedOn: number; document: PolicyDocument; updatedAt: Date }> {
  const row = await findPolicyDraft(deps.db);
  if (!row)
    throw new DomainError(PolicyErrors.POLICY_NO_DRAFT, 'There is no policy draft to simulate', {
      field: input.field,
    });
  return { basedOn: row.based_on, document: policyDocument.parse(row.document), updatedAt: row.updated_at };
}
