import { describe, expect, it } from 'vitest';
import { isoDate, isoDateTime, reportingDate } from './schemas';

describe('isoDate', () => {
  it.each(['2024-02-29', '2000-02-29', '2099-12-31', '0001-01-01', '9999-12-31', '2026-01-31'])(
    'takes the real day %s',
    (day) => {
      expect(isoDate.safeParse(day).success).toBe(true);
    },
  );

  it.each([
    ['2099-02-30', 'no such day'],
    ['2099-13-45', 'no such day'],
    ['2023-02-29', 'no such day'],
    ['1900-02-29', 'no such day'],
    ['2026-04-31', 'no such day'],
    ['2026-00-10', 'no such day'],
    ['2026-01-00', 'no such day'],
    ['0000-01-01', 'no such day'],
    ['10000-01-01', 'Too big'],
    ['2024-01-01T00:00:00Z', 'Too big'],
    ['2024-1-1', 'expected a date'],
  ])('refuses %s with one message: %s', (day, message) => {
    const issues = isoDate.safeParse(day).error?.issues ?? [];
    expect(issues.map((i) => i.message)).toEqual([expect.stringContaining(message)]);
  });
});

describe('reportingDate', () => {
  it.each(['1900-01-01', '2026-12-04', '9998-12-31'])('takes %s', (day) => {
    expect(reportingDate.safeParse(day).success).toBe(true);
  });

  it.each([
    ['1899-12-31', 'from 1900-01-01 to 9998-12-31'],
    ['9999-01-01', 'from 1900-01-01 to 9998-12-31'],
    ['2026-02-30', 'no such day'],
    ['2026-1-1', 'expected a date'],
  ])('refuses %s with one message: %s', (day, message) => {
    const issues = reportingDate.safeParse(day).error?.issues ?? [];
    expect(issues.map((i) => i.message)).toEqual([expect.stringContaining(message)]);
  });
});

describe('isoDateTime', () => {
  it.each([
    '2026-01-01T00:00:00Z',
    '2024-02-29T23:59:59.999+01:00',
    '0001-01-01T00:00:00Z',
    '9999-12-31T23:59:59Z',
  ])('takes %s', (at) => {
    expect(isoDateTime.safeParse(at).success).toBe(true);
  });

  it.each([
    ['0000-01-01T00:00:00Z', 'between the years'],
    ['0001-01-01T00:00:00+01:00', 'between the years'],
    ['9999-12-31T23:59:59-01:00', 'between the years'],
    ['2024-02-30T00:00:00Z', 'Invalid ISO datetime'],
    ['2024-01-01', 'Invalid ISO datetime'],
  ])('refuses %s: %s', (at, message) => {
    const issues = isoDateTime.safeParse(at).error?.issues ?? [];
    expect(issues.map((i) => i.message)).toEqual([expect.stringContaining(message)]);
  });
});
