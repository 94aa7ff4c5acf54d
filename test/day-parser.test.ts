import { describe, expect, it } from 'vitest';
import { parseDay } from '../web/src/lib/days';

describe('reading a typed day in the date fields', () => {
  it('reads German order and ISO, with or without leading zeros and century', () => {
    expect(parseDay('24.12.2026')).toBe('2026-12-24');
    expect(parseDay('1.2.2027')).toBe('2027-02-01');
    expect(parseDay(' 05. 03. 27 ')).toBe('2027-03-05');
    expect(parseDay('2026-12-24')).toBe('2026-12-24');
  });

  it('refuses days that do not exist and text that is not a day', () => {
    expect(parseDay('31.02.2027')).toBeNull();
    expect(parseDay('29.02.2027')).toBeNull();
    expect(parseDay('29.02.2028')).toBe('2028-02-29');
    expect(parseDay('2099-13-45')).toBeNull();
    expect(parseDay('12/24/2026')).toBeNull();
    expect(parseDay('morgen')).toBeNull();
  });
});
