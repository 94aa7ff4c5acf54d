import { describe, expect, it } from 'vitest';
import { policy } from '../../../test/policy-facts';
import { DEFAULT_POLICY } from './default-policy';
import { diffPolicies } from './policy-diff';

describe('the difference between two policy versions', () => {
  it('is empty for the same policy, also after a JSON round trip', () => {
    expect(diffPolicies(DEFAULT_POLICY, JSON.parse(JSON.stringify(DEFAULT_POLICY)))).toEqual([]);
  });

  it('names a changed window by its path, with the value before and after', () => {
    const draft = policy({ version: 2, returnWindows: { physical: { days: 45, from: 'delivery' } } });
    expect(diffPolicies(DEFAULT_POLICY, draft)).toEqual([
      { path: 'version', change: 'changed', before: 1, after: 2 },
      { path: 'returnWindows.physical.days', change: 'changed', before: 30, after: 45 },
    ]);
  });

  it('reads lists as sets: the same categories in another order are no change', () => {
    const reordered = policy({ defects: { reasonCodes: ['not_as_described', 'defect'] } });
    expect(diffPolicies(DEFAULT_POLICY, reordered)).toEqual([]);
    const more = policy({ defects: { reasonCodes: ['defect', 'not_as_described', 'not_delivered'] } });
    expect(diffPolicies(DEFAULT_POLICY, more)).toEqual([
      {
        path: 'defects.reasonCodes',
        change: 'changed',
        before: ['defect', 'not_as_described'],
        after: ['defect', 'not_as_described', 'not_delivered'],
      },
    ]);
  });

  it('lists a window that appears when a category becomes refundable, after the fields both versions have', () => {
    const draft = policy({
      nonRefundableCategories: [],
      returnWindows: { digital: { days: 14, from: 'purchase' } },
    });
    expect(diffPolicies(DEFAULT_POLICY, draft)).toEqual([
      { path: 'nonRefundableCategories', change: 'changed', before: ['digital'], after: [] },
      { path: 'returnWindows.digital.days', change: 'added', before: null, after: 14 },
      { path: 'returnWindows.digital.from', change: 'added', before: null, after: 'purchase' },
    ]);
    expect(diffPolicies(draft, DEFAULT_POLICY).map((c) => [c.path, c.change])).toEqual([
      ['returnWindows.digital.days', 'removed'],
      ['returnWindows.digital.from', 'removed'],
      ['nonRefundableCategories', 'changed'],
    ]);
  });

  it('shows an admin limit set where there was none, and a new reason with its words', () => {
    const draft = policy({
      approvalLimits: { inPolicy: { admin: 900_000 } },
      reasons: { ...DEFAULT_POLICY.reasons, moved: { de: 'Umgezogen', en: 'Moved', points: 20 } },
    });
    expect(diffPolicies(DEFAULT_POLICY, draft)).toEqual([
      { path: 'approvalLimits.inPolicy.admin', change: 'changed', before: null, after: 900_000 },
      { path: 'reasons.moved.de', change: 'added', before: null, after: 'Umgezogen' },
      { path: 'reasons.moved.en', change: 'added', before: null, after: 'Moved' },
      { path: 'reasons.moved.points', change: 'added', before: null, after: 20 },
    ]);
  });
});
