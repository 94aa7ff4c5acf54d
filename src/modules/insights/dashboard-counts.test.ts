import { describe, expect, it } from 'vitest';
import { countsByDimension } from './dashboard';
import type { DashboardSetRow } from './insights.repository';

// The counts statement groups the events by pairs of dimensions; each dimension's counts are the
// sums over its pair, and the total the sum of the time series.
const row = (
  set: number,
  keys: Partial<DashboardSetRow>,
  n: number,
  paid: string | number = 0,
): DashboardSetRow => ({
  set,
  cancellations: n,
  refund_requests: 2 * n,
  exceptions: n,
  exceptions_decided: n,
  exceptions_approved: 0,
  paid_minor: paid,
  goodwill_minor: 0,
  answers: n,
  rating_sum: 4 * n,
  low: 0,
  ...keys,
});

describe('counts by dimension', () => {
  it('sums each dimension over its pair and the total over the time series', () => {
    const counts = countsByDimension([
      row(0, { bucket: '2031-03-01' }, 3, 100),
      row(0, { bucket: '2031-04-01' }, 2, '9007199254740993'),
      row(1, { reason: 'defect', outcome: 'approved' }, 1),
      row(1, { reason: 'defect', outcome: 'denied' }, 2),
      row(1, { reason: 'too_expensive', outcome: 'approved' }, 2),
      row(4, { agent: 'stf_a', approver: null }, 4),
      row(4, { agent: 'stf_a', approver: 'stf_b' }, 1),
    ]);
    const find = (dim: string, key: string | null) => counts.find((c) => c.dim === dim && c.key === key);
    expect(find('total', null)).toMatchObject({
      cancellations: 5,
      refund_requests: 10,
      answers: 5,
      rating_sum: 20,
    });
    // money past 2^53 keeps every minor unit
    expect(find('total', null)!.paid_minor).toBe('9007199254741093');
    expect(find('reason', 'defect')).toMatchObject({ cancellations: 3, exceptions_decided: 3 });
    expect(find('reason', 'too_expensive')?.cancellations).toBe(2);
    expect(find('outcome', 'approved')?.cancellations).toBe(3);
    expect(find('outcome', 'denied')?.cancellations).toBe(2);
    expect(find('agent', 'stf_a')?.cancellations).toBe(5);
    expect(find('approver', null)?.cancellations).toBe(4);
    expect(find('approver', 'stf_b')?.cancellations).toBe(1);
    expect(find('bucket', '2031-04-01')?.cancellations).toBe(2);
  });

  it('answers an empty period with a total of zero', () => {
    expect(countsByDimension([])).toEqual([
      expect.objectContaining({ dim: 'total', key: null, cancellations: 0, paid_minor: '0' }),
    ]);
  });

  it('refuses a row of a grouping it does not know', () => {
    expect(() => countsByDimension([row(9, {}, 1)])).toThrow(/unknown grouping 9/);
  });
});
