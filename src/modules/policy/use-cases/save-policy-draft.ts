import { writeAudit } from '../../../platform/audit';
import type { UseCaseDeps } from '../../../platform/deps';
import { DomainError } from '../../../platform/errors';
import { PolicyErrors } from '../policy.errors';
import {
  findNewestPolicy,
  insertPolicyDraft,
  lockPolicyDraft,
  replacePolicyDraft,
} from '../policy.repository';
import type { PolicyDocument } from '../policy.schemas';
import { draftAsSeen, draftChanges, nextDraftTimestamp } from '../policy-admin-view';
import { toPublishedPolicy } from '../published-policy';

export interface SavePolicyDraftInput {
  /** The published version the admin edited. */
  basedOn: number;
  /** The draft's updatedAt the admin last loaded; undefined when there was no draft. */
  draftUpdatedAt?: string;
  /** The whole document (validated at the edge). */
  document: PolicyDocument;
}

/**
 * An admin creates or replaces the one draft, based on the newest published version. A save
 * against a draft that changed since it was loaded, or an edit of an older version, is refused
 * (409) rather than overwriting someone else's work.
 */
export async function savePolicyDraft(deps: UseCaseDeps, input: SavePolicyDraftInput): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    const draft = draftAsSeen(await lockPolicyDraft(trx), input.draftUpdatedAt, 'querystring.draftUpdatedAt');
    const newest = toPublishedPolicy(await findNewestPolicy(trx));
    if (input.basedOn !== newest.version)
      throw new DomainError(
        PolicyErrors.POLICY_DRAFT_OUTDATED,
        `Version ${newest.version} was published after the version ${input.basedOn} you edited; reload and edit it again`,
        { field: 'querystring.basedOn', basedOn: input.basedOn, newest: newest.version },
      );
    const document = { ...input.document, version: newest.version + 1 };
    const row = {
      basedOn: newest.version,
      document,
      updatedBy: deps.actor.id!,
      updatedAt: nextDraftTimestamp(now, draft?.updated_at),
    };
    if (draft) await replacePolicyDraft(trx, row);
    else await insertPolicyDraft(trx, row);
    await writeAudit(trx, deps.actor, now, {
      action: 'policy.draft_saved',
      entityType: 'policy_version',
      entityId: String(document.version),
      changes: { basedOn: newest.version, changes: draftChanges(newest.document, document) },
    });
  });
}
