import { timingSafeEqual } from 'node:crypto';

export interface VerificationRules {
  required: number;
  maxFailures: number;
  lockMinutes: number;
}

export interface VerificationDecision {
  result: 'verified' | 'failed' | 'locked';
  /** failures counted on the account after this attempt (reset on success and on locking) */
  failuresAfter: number;
  remainingAttempts: number;
  lockedUntil: Date | null;
}

/**
 * The rule of the seed: enough matching factors verify the caller; every failed attempt counts,
 * and the third one in a row locks verification for 15 minutes (and flags the account).
 */
export function decideVerification(
  rules: VerificationRules,
  input: { matched: number; failuresBefore: number; now: Date },
): VerificationDecision {
  if (input.matched >= rules.required)
    return { result: 'verified', failuresAfter: 0, remainingAttempts: rules.maxFailures, lockedUntil: null };
  const failures = input.failuresBefore + 1;
  if (failures >= rules.maxFailures)
    return {
      result: 'locked',
      failuresAfter: 0,
      remainingAttempts: 0,
      lockedUntil: new Date(input.now.getTime() + rules.lockMinutes * 60_000),
    };
  return {
    result: 'failed',
    failuresAfter: failures,
    remainingAttempts: rules.maxFailures - failures,
    lockedUntil: null,
  };
}

/** Compares two hex hashes without leaking where they differ. */
export function hashesEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}
