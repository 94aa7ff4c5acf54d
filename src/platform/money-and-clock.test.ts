import { describe, expect, it } from 'vitest';
import { addDays, addMonths, businessDate, daysBetween, ManualClock, startOfBusinessDate } from './clock';
import {
  addMoney,
  compareMoney,
  formatMoney,
  isPositiveMoney,
  maxMoney,
  minMoney,
  money,
  moneyFromColumn,
  moneyRatio,
  negateMoney,
  scaleMoney,
  subtractMoney,
  sumMoney,
} from './money';

describe('money', () => {
  it('adds and subtracts in minor units without floating-point drift', () => {
    const total = sumMoney([money(10), money(20), money(70)]);
    expect(total).toEqual({ amountMinor: 100, currency: 'EUR' });
    expect(subtractMoney(money(1999), money(999))).toEqual(money(1000));
  });

  it('refuses fractions of a cent and mixed currencies', () => {
    expect(() => money(0.5)).toThrow(RangeError);
    expect(() => addMoney(money(1, 'EUR'), money(1, 'GBP'))).toThrow(/currency mismatch/);
  });

  it('formats for German and English readers', () => {
    expect(formatMoney(money(123456), 'de').replace(/\s/g, ' ')).toBe('1.234,56 €');
    expect(formatMoney(money(123456), 'en')).toBe('€1,234.56');
  });
});

describe('money comparisons', () => {
  it.each([
    [100, 200, -1],
    [200, 100, 1],
    [150, 150, 0],
    [-5, 0, -1],
    [0, -5, 1],
  ] as const)('compares %i with %i as %i', (a, b, expected) => {
    expect(compareMoney(money(a), money(b))).toBe(expected);
  });

  it.each([
    [100, 200, 100],
    [200, 100, 100],
    [-1, 0, -1],
    [7, 7, 7],
  ])('takes the smaller of %i and %i: %i', (a, b, expected) => {
    expect(minMoney(money(a), money(b))).toEqual(money(expected));
  });

  it.each([
    [1999, -1999],
    [-250, 250],
    [0, 0],
  ])('negates %i to %i', (a, expected) => {
    expect(negateMoney(money(a, 'GBP'))).toEqual(money(expected, 'GBP'));
    expect(Object.is(negateMoney(money(0)).amountMinor, -0)).toBe(false);
  });

  it.each([
    [1, true],
    [0, false],
    [-1, false],
  ])('says whether %i is positive: %s', (a, expected) => {
    expect(isPositiveMoney(money(a))).toBe(expected);
  });

  it('refuses to compare different currencies', () => {
    expect(() => compareMoney(money(1, 'EUR'), money(1, 'USD'))).toThrow(/currency mismatch/);
    expect(() => minMoney(money(1, 'EUR'), money(2, 'USD'))).toThrow(/currency mismatch/);
  });
});

describe('shares of money', () => {
  it.each([
    [7, 1, 2, 4, 'a half cent rounds away from zero'],
    [-7, 1, 2, -4, 'also below zero'],
    [9999, 1000, 10_000, 1000, '10 % of 99.99 is 10.00 (9.999 rounded)'],
    [10_000, 1500, 10_000, 1500, '15 % of 100.00'],
    [36_500, 200, 365, 20_000, '200 of 365 days of 365.00'],
    [12_000, 5, 12, 5000, '5 of 12 months'],
    [1, 1, 3, 0, 'a third of a cent is nothing'],
    [Number.MAX_SAFE_INTEGER, 1, 1, Number.MAX_SAFE_INTEGER, 'the largest safe amount, unchanged'],
  ])('scales %i by %i/%i to %i (%s)', (amount, numerator, denominator, expected) => {
    expect(scaleMoney(money(amount, 'GBP'), numerator, denominator)).toEqual(money(expected, 'GBP'));
  });

  it('scales exactly where the product leaves the safe range', () => {
    // 2^53 - 1 times 3/3 would lose digits in floating point
    expect(scaleMoney(money(Number.MAX_SAFE_INTEGER), 3, 3)).toEqual(money(Number.MAX_SAFE_INTEGER));
  });

  it('refuses a zero or fractional denominator', () => {
    expect(() => scaleMoney(money(100), 1, 0)).toThrow(RangeError);
    expect(() => scaleMoney(money(100), 1, 2.5)).toThrow(RangeError);
  });

  it.each([
    [2500, 10_000, 100, 25],
    [9999, 10_000, 100, 99],
    [20_000, 10_000, 100, 200],
    [-1, 10_000, 100, -1],
  ])('says %i is %i-of-%i parts of %i', (part, whole, per, expected) => {
    expect(moneyRatio(money(part), money(whole), per)).toBe(expected);
  });

  it('refuses a share of nothing and of another currency', () => {
    expect(() => moneyRatio(money(1), money(0), 100)).toThrow(RangeError);
    expect(() => moneyRatio(money(1, 'USD'), money(10), 100)).toThrow(/currency mismatch/);
  });

  it.each([
    [100, 200, 200],
    [200, 100, 200],
    [-1, 0, 0],
  ])('takes the larger of %i and %i: %i', (a, b, expected) => {
    expect(maxMoney(money(a), money(b))).toEqual(money(expected));
  });
});

describe('money from a database column', () => {
  it.each([
    ['a number (PGlite, pg with the int8 parser, JSON aggregates)', 9900, 9900],
    ['a string (pg without a parser, sum())', '9900', 9900],
    ['a negative string (a ledger debit)', '-500', -500],
    ['a bigint', 12n, 12],
    ['the largest safe integer as text', String(Number.MAX_SAFE_INTEGER), Number.MAX_SAFE_INTEGER],
  ] as const)('reads %s', (_, column, expected) => {
    expect(moneyFromColumn(column, 'EUR')).toEqual({ amountMinor: expected, currency: 'EUR' });
  });

  it.each([
    ['a decimal string', '12.50'],
    ['an empty string', ''],
    ['text', 'abc'],
    ['a fraction', 0.5],
    ['a string past the safe range', '9007199254740993'],
    ['a bigint past the safe range', 2n ** 53n + 1n],
  ] as const)('refuses %s', (_, column) => {
    expect(() => moneyFromColumn(column, 'EUR')).toThrow(RangeError);
  });
});

describe('clock', () => {
  it('moves a manual clock only when told to', () => {
    const clock = new ManualClock('2026-03-01T10:00:00Z');
    const first = clock.now();
    first.setFullYear(1999); // callers cannot move the clock by mutating what it returned
    expect(clock.now().toISOString()).toBe('2026-03-01T10:00:00.000Z');
    clock.advance(90_000);
    expect(clock.now().toISOString()).toBe('2026-03-01T10:01:30.000Z');
  });

  it('gives the business date in the company time zone, not UTC', () => {
    expect(businessDate(new Date('2026-03-01T23:30:00Z'), 'Europe/Berlin')).toBe('2026-03-02');
    expect(businessDate(new Date('2026-03-01T23:30:00Z'), 'UTC')).toBe('2026-03-01');
  });

  it('adds calendar days across month ends and leap days', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it.each([
    ['2026-03-01', '2026-03-31', 30],
    ['2026-03-01', '2026-04-01', 31],
    ['2026-03-28', '2026-03-30', 2], // across the March change to summer time
    ['2026-10-24', '2026-10-26', 2], // across the October change back
    ['2024-02-28', '2024-03-01', 2],
    ['2026-04-01', '2026-03-01', -31],
    ['2026-05-05', '2026-05-05', 0],
  ])('counts calendar days from %s to %s: %i', (from, to, expected) => {
    expect(daysBetween(from, to)).toBe(expected);
  });

  it.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2026-03-15', 24, '2028-03-15'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2026-06-15', -12, '2025-06-15'],
    ['2026-03-31', -1, '2026-02-28'],
    ['2026-12-10', 1, '2027-01-10'],
  ])('adds months to %s (%i): %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });

  it('finds the instant a business date begins, in winter and summer time', () => {
    expect(startOfBusinessDate('2026-01-15', 'Europe/Berlin').toISOString()).toBe('2026-01-14T23:00:00.000Z');
    expect(startOfBusinessDate('2026-07-01', 'Europe/Berlin').toISOString()).toBe('2026-06-30T22:00:00.000Z');
    // the days the clocks change: midnight is still before the switch at 02:00/03:00
    expect(startOfBusinessDate('2026-03-29', 'Europe/Berlin').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(startOfBusinessDate('2026-10-25', 'Europe/Berlin').toISOString()).toBe('2026-10-24T22:00:00.000Z');
    expect(startOfBusinessDate('2026-07-01', 'America/New_York').toISOString()).toBe(
      '2026-07-01T04:00:00.000Z',
    );
    expect(startOfBusinessDate('2026-07-01', 'UTC').toISOString()).toBe('2026-07-01T00:00:00.000Z');
    const d = startOfBusinessDate('2026-11-23', 'Europe/Berlin');
    expect(businessDate(d, 'Europe/Berlin')).toBe('2026-11-23');
    expect(businessDate(new Date(d.getTime() - 1), 'Europe/Berlin')).toBe('2026-11-22');
  });
});
