import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from './default-policy';
import { draftAsSeen, draftChanges, earliestEffectiveDate, nextDraftTimestamp } from './policy-admin-view';

describe('the policy editor’s rules', () => {
  it('leaves the fields publishing sets out of a draft’s changes', () => {
    const draft = {
      ...DEFAULT_POLICY,
      version: 2,
      effectiveFrom: '2027-01-01',
      guarantee: { enabled: true, days: 45 },
    };
    expect(draftChanges(DEFAULT_POLICY, draft)).toEqual([
      { path: 'guarantee.days', change: 'changed', before: 30, after: 45 },
    ]);
  });

  it('lets a version take effect today at the earliest, and never before the newest one', () => {
    expect(earliestEffectiveDate('2026-12-03', '2026-01-01')).toBe('2026-12-03');
    expect(earliestEffectiveDate('2026-12-03', '2026-12-10')).toBe('2026-12-10');
  });

  it('gives every save a new timestamp, also when the clock stands still', () => {
    const now = new Date('2026-12-03T10:00:00.000Z');
    expect(nextDraftTimestamp(now, undefined)).toEqual(now);
    expect(nextDraftTimestamp(now, new Date('2026-12-03T09:00:00.000Z'))).toEqual(now);
    expect(nextDraftTimestamp(now, now).toISOString()).toBe('2026-12-03T10:00:00.001Z');
  });

  it('accepts the draft the client saw and refuses any other, naming the field', () => {
    const draft = { updated_at: new Date('2026-12-03T10:00:00.000Z') };
    expect(draftAsSeen(draft, '2026-12-03T11:00:00+01:00', 'body.draftUpdatedAt')).toBe(draft);
    expect(draftAsSeen(undefined, undefined, 'querystring.draftUpdatedAt')).toBeUndefined();
    expect(() => draftAsSeen(draft, undefined, 'querystring.draftUpdatedAt')).toThrow(
      expect.objectContaining({
        code: 'POLICY_DRAFT_STALE',
        details: { field: 'querystring.draftUpdatedAt' },
      }),
    );
    expect(() => draftAsSeen(undefined, '2026-12-03T10:00:00Z', 'body.draftUpdatedAt')).toThrow(
      expect.objectContaining({ code: 'POLICY_DRAFT_STALE' }),
    );
    expect(() => draftAsSeen(draft, '2026-12-03T10:00:00.001Z', 'body.draftUpdatedAt')).toThrow();
  });
});
