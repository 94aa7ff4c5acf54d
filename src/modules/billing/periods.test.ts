import { describe, expect, it } from 'vitest';
import { type BillingCycle, nextPeriod } from './periods';

describe('the next billing period', () => {
  it.each<[string, string, BillingCycle, string, string]>([
    ['2026-01-01', '2026-02-01', 'monthly', '2026-02-01', '2026-03-01'],
    ['2026-12-15', '2027-01-15', 'monthly', '2027-01-15', '2027-02-15'],
    // month ends: the 31st becomes the last day of a shorter month, and comes back after it
    ['2026-01-31', '2026-02-28', 'monthly', '2026-02-28', '2026-03-31'],
    ['2026-02-28', '2026-03-31', 'monthly', '2026-03-31', '2026-04-30'],
    ['2026-03-31', '2026-04-30', 'monthly', '2026-04-30', '2026-05-31'],
    ['2026-11-30', '2026-12-31', 'monthly', '2026-12-31', '2027-01-31'],
    ['2028-01-31', '2028-02-29', 'monthly', '2028-02-29', '2028-03-31'],
    // the 29th and 30th keep their day after February too
    ['2026-01-30', '2026-02-28', 'monthly', '2026-02-28', '2026-03-30'],
    ['2026-01-29', '2026-02-28', 'monthly', '2026-02-28', '2026-03-29'],
    ['2026-01-28', '2026-02-28', 'monthly', '2026-02-28', '2026-03-28'],
    ['2027-12-31', '2028-01-31', 'monthly', '2028-01-31', '2028-02-29'],
    // annual
    ['2026-03-15', '2027-03-15', 'annual', '2027-03-15', '2028-03-15'],
    ['2026-01-01', '2027-01-01', 'annual', '2027-01-01', '2028-01-01'],
    ['2028-02-29', '2029-02-28', 'annual', '2029-02-28', '2030-02-28'],
    ['2027-02-28', '2028-02-28', 'annual', '2028-02-28', '2029-02-28'],
  ])('after %s..%s (%s) comes %s..%s', (start, end, cycle, nextStart, nextEnd) => {
    expect(nextPeriod({ start, end }, cycle)).toEqual({ start: nextStart, end: nextEnd });
  });

  it('walks a year of monthly periods from 31 January through every month end', () => {
    let period = { start: '2026-01-31', end: '2026-02-28' };
    const ends = [period.end];
    for (let i = 0; i < 11; i++) {
      period = nextPeriod(period, 'monthly');
      ends.push(period.end);
    }
    expect(ends).toEqual([
      '2026-02-28',
      '2026-03-31',
      '2026-04-30',
      '2026-05-31',
      '2026-06-30',
      '2026-07-31',
      '2026-08-31',
      '2026-09-30',
      '2026-10-31',
      '2026-11-30',
      '2026-12-31',
      '2027-01-31',
    ]);
  });

  it.each<[string, string, string, string, string]>([
    // a leap-day subscription: without its anchor the 29th is lost after the first year
    ['2030-02-28', '2031-02-28', '2028-02-29', '2031-02-28', '2032-02-29'],
    ['2031-02-28', '2032-02-29', '2028-02-29', '2032-02-29', '2033-02-28'],
  ])('after %s..%s, anchored on %s, comes %s..%s (annual)', (start, end, anchor, nextStart, nextEnd) => {
    expect(nextPeriod({ start, end }, 'annual', anchor)).toEqual({ start: nextStart, end: nextEnd });
  });

  it('renews a leap-day subscription on the 28th once the period has lost the day, unless given its anchor', () => {
    expect(nextPeriod({ start: '2030-02-28', end: '2031-02-28' }, 'annual').end).toBe('2032-02-28');
  });

  it.each([
    ['2026-02-01', '2026-02-01', /ends before it starts/],
    ['2026-03-01', '2026-02-01', /ends before it starts/],
    ['2026-02-30', '2026-03-30', /not a calendar date/],
    ['2026-01-01', '2026-13-01', /not a calendar date/],
    ['1.1.2026', '2026-02-01', /not a calendar date/],
  ])('refuses the period %s..%s', (start, end, message) => {
    expect(() => nextPeriod({ start, end }, 'monthly')).toThrow(message);
  });
});
