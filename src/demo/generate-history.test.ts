import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../modules/policy';
import { generateAccount } from './generate-demo';
import { generateHistory, type HistoryStaff, seasonalWeight } from './generate-history';

const NOW = new Date('2026-11-02T09:00:00Z');
const STAFF = { agent: 'usr_a', lead: 'usr_l', admin: 'usr_x' };
const HISTORY_STAFF: HistoryStaff = {
  agents: ['usr_a', 'usr_a2'],
  leads: ['usr_l', 'usr_l2'],
  admin: 'usr_x',
};
const POLICY = { version: 1, document: DEFAULT_POLICY };

const historyOf = (index: number, seed = 7) =>
  generateHistory(generateAccount(index, seed, NOW, STAFF), index, seed, NOW, HISTORY_STAFF, POLICY);

describe('the demo desk history generator', () => {
  it('gives the same rows for the same seed, account and now, and other rows for another seed', () => {
    const a = Array.from({ length: 40 }, (_, i) => historyOf(i));
    const b = Array.from({ length: 40 }, (_, i) => historyOf(i));
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(a.reduce((n, h) => n + h.refundRequests.length, 0)).toBeGreaterThan(0);
    const other = Array.from({ length: 40 }, (_, i) => historyOf(i, 8));
    expect(JSON.stringify(other)).not.toBe(JSON.stringify(a));
  });

  it('weighs January and July above the spring, and Sundays below weekdays', () => {
    const day = (iso: string) => Date.parse(iso) / 86_400_000;
    expect(seasonalWeight(day('2026-01-14'))).toBeGreaterThan(seasonalWeight(day('2026-04-15')));
    expect(seasonalWeight(day('2026-07-15'))).toBeGreaterThan(seasonalWeight(day('2026-04-15')));
    expect(seasonalWeight(day('2026-04-19'))).toBeLessThan(seasonalWeight(day('2026-04-15')));
  });
});
