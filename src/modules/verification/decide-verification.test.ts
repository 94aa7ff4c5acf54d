import { describe, expect, it } from 'vitest';
import { decideVerification, hashesEqual } from './decide-verification';
import { hashFactor, normalizeFactor } from './factor-hash';

const rules = { required: 2, maxFailures: 3, lockMinutes: 15 };
const now = new Date('2026-05-04T10:00:00Z');

describe('decideVerification', () => {
  it('verifies with enough matching factors and forgets earlier failures', () => {
    expect(decideVerification(rules, { matched: 2, failuresBefore: 2, now })).toEqual({
      result: 'verified',
      failuresAfter: 0,
      remainingAttempts: 3,
      lockedUntil: null,
    });
  });

  it('counts a failure and says how many tries are left', () => {
    expect(decideVerification(rules, { matched: 1, failuresBefore: 0, now })).toMatchObject({
      result: 'failed',
      failuresAfter: 1,
      remainingAttempts: 2,
    });
    expect(decideVerification(rules, { matched: 0, failuresBefore: 1, now })).toMatchObject({
      result: 'failed',
      failuresAfter: 2,
      remainingAttempts: 1,
    });
  });

  it('locks for 15 minutes on the third failure in a row', () => {
    expect(decideVerification(rules, { matched: 1, failuresBefore: 2, now })).toEqual({
      result: 'locked',
      failuresAfter: 0,
      remainingAttempts: 0,
      lockedUntil: new Date('2026-05-04T10:15:00Z'),
    });
  });
});

describe('comparing what the caller says with the stored secret', () => {
  const secret = 'unit-secret-0123456789abcdef0123456789';
  const stored = hashFactor(
    secret,
    'acc_1',
    'date_of_birth',
    normalizeFactor('date_of_birth', '1980-03-07')!,
  );
  const said = (factor: Parameters<typeof normalizeFactor>[0], answer: string, subject = 'acc_1') => {
    const n = normalizeFactor(factor, answer);
    return n !== null && hashesEqual(stored, hashFactor(secret, subject, factor, n));
  };

  it.each(['07.03.1980', '7.3.1980', '1980-03-07', '7. März 1980', ' 07/03/1980 '])(
    'accepts the date of birth said as %s',
    (answer) => {
      expect(said('date_of_birth', answer)).toBe(true);
    },
  );

  it('refuses another date, an unreadable one, and the same date for another person', () => {
    expect(said('date_of_birth', '08.03.1980')).toBe(false);
    expect(said('date_of_birth', 'irgendwann')).toBe(false);
    expect(said('date_of_birth', '07.03.1980', 'acc_2')).toBe(false);
  });

  it('ignores case, spaces and umlaut spelling in names and answers', () => {
    const name = hashFactor(secret, 'acc_1', 'full_name', normalizeFactor('full_name', 'Jürgen Weiß')!);
    const n = normalizeFactor('full_name', '  JUERGEN   weiss ')!;
    expect(hashesEqual(name, hashFactor(secret, 'acc_1', 'full_name', n))).toBe(true);
    expect(normalizeFactor('id_last4', 'L01X 00T 47 11')).toBe('4711');
    expect(normalizeFactor('id_last4', '47')).toBeNull();
  });

  it('never treats hashes of different length as equal', () => {
    expect(hashesEqual('abcd', 'abcdef')).toBe(false);
    expect(hashesEqual('', '')).toBe(false);
  });
});
