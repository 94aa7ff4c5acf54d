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

/** A draft's timestamp as the client last saw it (or none), against the stored one. */
export function sameDraft(stored: Date | undefined, seen: string | undefined): boolean {
  if (stored === undefined || seen === undefined) return stored === seen;
  return stored.getTime() === new Date(seen).getTime();
}

/**
 * The next timestamp of a draft: now, or 1 ms after the previous one when the clock has not
 * moved on, so every save gets a new token and a stale client is always told.
 */
export function nextDraftTimestamp(now: Date, previous: Date | undefined): Date {
  return previous && previous.getTime() >= now.getTime() ? new Date(previous.getTime() + 1) : now;
}
