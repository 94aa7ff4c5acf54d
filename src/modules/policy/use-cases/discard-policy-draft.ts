import { writeAudit } from '../../../platform/audit';
import type { UseCaseDeps } from '../../../platform/deps';
import { DomainError } from '../../../platform/errors';
import { PolicyErrors } from '../policy.errors';
import { deletePolicyDraft, lockPolicyDraft } from '../policy.repository';

/** An admin throws the draft away; the published versions stay as they are. */
export async function discardPolicyDraft(deps: UseCaseDeps): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    const draft = await lockPolicyDraft(trx);
    if (!draft) throw new DomainError(PolicyErrors.POLICY_NO_DRAFT, 'There is no policy draft to discard');
    await deletePolicyDraft(trx);
    await writeAudit(trx, deps.actor, now, {
      action: 'policy.draft_discarded',
      entityType: 'policy_version',
      entityId: String(draft.based_on + 1),
      changes: { basedOn: draft.based_on },
    });
  });
}
