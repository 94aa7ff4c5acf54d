import { keyedHash } from '../../platform/keyed-hash';
import { foldName, normalizeDate, normalizeSecretText } from '../../platform/normalize';
import type { VerificationFactor } from './verification-settings';

/**
 * The comparable form of what a caller says for a factor: case, spaces and accents do not
 * matter, dates may be written any common way, only the last four digits of an ID count.
 * Returns null when the input cannot be read as that factor (e.g. "31.02.1980").
 */
export function normalizeFactor(factor: VerificationFactor, input: string): string | null {
  switch (factor) {
    case 'date_of_birth':
      return normalizeDate(input);
    case 'id_last4': {
      const digits = input.replace(/\D/g, '');
      return digits.length >= 4 ? digits.slice(-4) : null;
    }
    case 'postal_code':
      return normalizeSecretText(input) || null;
    case 'full_name':
      return foldName(input) || null;
    case 'security_answer':
      return normalizeSecretText(input) || null;
  }
}

/** The stored form of a factor: a keyed hash bound to the person, so equal answers of two people differ. */
export function hashFactor(
  secret: string,
  subjectId: string,
  factor: VerificationFactor,
  normalized: string,
): string {
  return keyedHash(secret, 'verification', subjectId, factor, normalized);
}
