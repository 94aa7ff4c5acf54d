import { DomainError } from '../../platform/errors';
import { PolicyErrors } from './policy.errors';
import type { findNewestPolicy, findPolicyDraft, listPolicyVersions } from './policy.repository';
import { type PolicyDocument, policyDocument } from './policy.schemas';
import { diffPolicies, type PolicyChange } from './policy-diff';

// How the admin's policy page sees the stored rows: versions with who published them, and the
// draft with what it changes.

type VersionRow = Awaited<ReturnType<typeof listPolicyVersions>>[number];
type DraftRow = NonNullable<Awaited<ReturnType<typeof findPolicyDraft>>>;
type NewestRow = Awaited<ReturnType<typeof findNewestPolicy>>;

export function toVersionSummary(row: VersionRow) {
  return {
    version: row.version,
    effectiveFrom: row.effective_from,
    publishedAt: row.published_at,
    publishedBy:
      row.published_by === null
        ? null
        : { id: row.published_by, name: row.published_by_name ?? row.published_by },
  };
}

/** Set when publishing, so a draft never differs from its base in these. */
const SET_ON_PUBLISH = new Set(['version', 'effectiveFrom']);

/** What a draft changes against the version it is based on, without the fields publishing sets. */
export function draftChanges(base: PolicyDocument, draft: PolicyDocument): PolicyChange[] {
  return diffPolicies(base, draft).filter((c) => !SET_ON_PUBLISH.has(c.path));
}

export function toDraftView(row: DraftRow, base: PolicyDocument, newest: NewestRow) {
  const document = policyDocument.parse(row.document);
  return {
    basedOn: row.based_on,
    version: newest.version + 1,
    document,
    changes: draftChanges(base, document),
    outdated: row.based_on !== newest.version,
    updatedAt: row.updated_at,
    updatedBy: { id: row.updated_by, name: row.updated_by_name ?? row.updated_by },
  };
}

/** The earliest day a new version may take effect: today, and never before the newest version. */
export function earliestEffectiveDate(today: string, newestEffectiveFrom: string): string {
  return today > newestEffectiveFrom ? today : newestEffectiveFrom;
}

/**
 * The locked draft, when it is the one the client last saw: same timestamp, or none on either side.
 * Otherwise someone saved, published or discarded it meanwhile: POLICY_DRAFT_STALE (409), naming
 * the request field that carried the timestamp. A client that saw a draft always gets one back.
 */
export function draftAsSeen<D extends { updated_at: Date }>(
  draft: D | undefined,
  seen: string,
  field: string,
): D;
export function draftAsSeen<D extends { updated_at: Date }>(
  draft: D | undefined,
  seen: string | undefined,
  field: string,
): D | undefined;
export function draftAsSeen<D extends { updated_at: Date }>(
  draft: D | undefined,
  seen: string | undefined,
  field: string,
): D | undefined {
  const same =
    draft === undefined || seen === undefined
      ? draft === undefined && seen === undefined
      : draft.updated_at.getTime() === new Date(seen).getTime();
  if (!same)
    throw new DomainError(
      PolicyErrors.POLICY_DRAFT_STALE,
      draft
        ? 'The policy draft was saved by someone else since you loaded it; reload it'
        : 'The policy draft you loaded was published or discarded meanwhile; reload',
      { field },
    );
  return draft;
}

/**
 * The next timestamp of a draft: now, or 1 ms after the previous one when the clock has not
 * moved on, so every save gets a new token and a stale client is always told.
 */
export function nextDraftTimestamp(now: Date, previous: Date | undefined): Date {
  return previous && previous.getTime() >= now.getTime() ? new Date(previous.getTime() + 1) : now;
}
