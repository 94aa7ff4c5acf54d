import { describe, expect, it } from 'vitest';
import { addDays, businessDate, ManualClock } from './clock';
import { addMoney, formatMoney, money, subtractMoney, sumMoney } from './money';

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
});
