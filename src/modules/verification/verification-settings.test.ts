import { describe, expect, it } from 'vitest';
import {
  CONFIG_FACTORS,
  FACTORS,
  LOCKOUT,
  VERIFICATION_DEFAULTS,
  VERIFICATION_FACTORS,
  verificationSettings,
} from './verification-settings';

describe('verification settings', () => {
  it('has one factor list: the stored factors are the configurable ones without the e-mail code', () => {
    expect(CONFIG_FACTORS).toEqual(Object.keys(FACTORS));
    expect([...VERIFICATION_FACTORS].sort()).toEqual(CONFIG_FACTORS.filter((f) => f !== 'email_code').sort());
  });

  it('ships defaults that pass the rules, with a factor the agent cannot see', () => {
    expect(verificationSettings.safeParse(VERIFICATION_DEFAULTS).success).toBe(true);
    expect(VERIFICATION_DEFAULTS.factors.some((f) => !FACTORS[f].shownToAgent)).toBe(true);
  });

  it('refuses rules made only of what the agent sees, naming the factors field', () => {
    const parsed = verificationSettings.safeParse({
      factors: ['full_name', 'postal_code'],
      required: 1,
      ttlMinutes: 30,
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path.join('.'))).toEqual(['factors']);
  });

  it('locks after the third failure in a row for 15 minutes when nothing else is configured', () => {
    expect(LOCKOUT).toEqual({ maxFailures: 3, lockMinutes: 15 });
  });
});
