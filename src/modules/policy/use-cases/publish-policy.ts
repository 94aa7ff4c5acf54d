import { writeAudit } from '../../../platform/audit';
import { businessDate } from '../../../platform/clock';
import type { UseCaseDeps } from '../../../platform/deps';
import { DomainError } from '../../../platform/errors';
import { PolicyErrors } from '../policy.errors';
import {
  deletePolicyDraft,
  findNewestPolicy,
  insertPolicyVersion,
  lockPolicyDraft,
} from '../policy.repository';
import { policyDocument } from '../policy.schemas';
import { draftAsSeen, draftChanges, earliestEffectiveDate } from '../policy-admin-view';
import { type PublishedPolicy, toPublishedPolicy } from '../published-policy';

export interface PublishPolicyInput {
  /** The business day the new version takes effect: today (company time zone) or later. */
  effectiveFrom: string;
  /** The draft's updatedAt the admin reviewed: a draft that changed since is not published. */
  draftUpdatedAt: string;
}

/**
 * An admin publishes the draft as the next version, from a day that has not passed: the version
 * is appended and the draft removed in one transaction. Of admins publishing at once, the first
 * takes the draft (it is locked); the others find it gone (409).
 */
export async function publishPolicy(deps: UseCaseDeps, input: PublishPolicyInput): Promise<PublishedPolicy> {
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    const draft = draftAsSeen(await lockPolicyDraft(trx), input.draftUpdatedAt, 'body.draftUpdatedAt');
    const newest = toPublishedPolicy(await findNewestPolicy(trx));
    if (draft.based_on !== newest.version)
      throw new DomainError(
        PolicyErrors.POLICY_DRAFT_OUTDATED,
        `The draft is based on version ${draft.based_on}, but version ${newest.version} was published since; save it again to rebase it`,
        { basedOn: draft.based_on, newest: newest.version },
      );
    const earliest = earliestEffectiveDate(businessDate(now, deps.config.timeZone), newest.effectiveFrom);
    if (input.effectiveFrom < earliest)
      throw new DomainError(
        PolicyErrors.POLICY_EFFECTIVE_DATE_TOO_EARLY,
        `A new version can take effect on ${earliest} at the earliest`,
        { field: 'body.effectiveFrom', earliest },
      );
    const version = newest.version + 1;
    const document = policyDocument.parse({
      ...(draft.document as object),
      version,
      effectiveFrom: input.effectiveFrom,
    });
    await insertPolicyVersion(trx, {
      version,
      effectiveFrom: input.effectiveFrom,
      document,
      publishedBy: deps.actor.id,
      at: now,
    });
    await deletePolicyDraft(trx);
    await writeAudit(trx, deps.actor, now, {
      action: 'policy.published',
      entityType: 'policy_version',
      entityId: String(version),
      changes: { effectiveFrom: input.effectiveFrom, changes: draftChanges(newest.document, document) },
    });
    return {
      version,
      effectiveFrom: input.effectiveFrom,
      document,
      publishedAt: now,
      publishedBy: deps.actor.id,
    };
  });
}
