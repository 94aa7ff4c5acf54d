import { defineUniqueConstraints } from '../../platform/database-errors';
import { defineErrorCodes } from '../../platform/errors';

export const PolicyErrors = defineErrorCodes({
  /** No published refund policy is in force on that day (none took effect by then). */
  POLICY_NOT_IN_FORCE: { status: 409, title: 'No refund policy is in force on that day' },
  /** No published refund policy has that version number. */
  POLICY_VERSION_NOT_FOUND: { status: 404, title: 'No such policy version' },
  /** Discarding the draft when there is none (already discarded or published). */
  POLICY_NO_DRAFT: { status: 409, title: 'There is no policy draft' },
  /**
   * The draft changed, was published or was discarded since the caller loaded it (the
   * draftUpdatedAt it sent is not the draft's): saving or publishing would overwrite unseen work.
   */
  POLICY_DRAFT_STALE: { status: 409, title: 'The policy draft changed since you loaded it' },
  /** The draft (or the edit) is based on an older version than the newest published one: rebase it. */
  POLICY_DRAFT_OUTDATED: { status: 409, title: 'The draft is based on an older policy version' },
  /** Publishing with an effective date before today (company time zone) or before the newest version's. */
  POLICY_EFFECTIVE_DATE_TOO_EARLY: { status: 400, title: 'The effective date is too early' },
});

defineUniqueConstraints({
  // two first saves at once: the second finds the draft the first created
  policy_drafts_pkey: {
    code: PolicyErrors.POLICY_DRAFT_STALE,
    message: 'Someone saved a policy draft at the same time; reload it',
  },
  // two publications of the same version number: one wins
  policy_versions_pkey: {
    code: PolicyErrors.POLICY_DRAFT_STALE,
    message: 'This policy version was published at the same time; reload',
  },
});
