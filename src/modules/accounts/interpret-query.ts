import { foldName, looksLikeEmail, normalizeEmail, normalizePhone } from '../../platform/normalize';

export type QueryKind = 'account_number' | 'phone' | 'email' | 'name';

export interface InterpretedQuery {
  kind: QueryKind;
  /** What is searched for: K1234567, +49301234567, erika@example.de, erika mueller. Null when unreadable. */
  normalized: string | null;
}

/**
 * Reads what the agent typed the way a caller gives it: an account number (with or without its
 * K), a phone number in any notation (E.164, German by default), an e-mail address, or a name
 * (folded, so Müller and Mueller meet).
 */
export function interpretQuery(input: string): InterpretedQuery {
  const q = input.trim();
  if (q.includes('@')) return { kind: 'email', normalized: looksLikeEmail(q) ? normalizeEmail(q) : null };
  const compact = q.replace(/[\s-]/g, '');
  const accountNumber = /^[Kk](\d{5,9})$/.exec(compact);
  if (accountNumber) return { kind: 'account_number', normalized: `K${accountNumber[1]}` };
  // bare digits without a leading 0 or +: the account number read out without its K
  if (/^[1-9]\d{6,8}$/.test(compact)) return { kind: 'account_number', normalized: `K${compact}` };
  if (/^[+\d\s()/.-]+$/.test(q) && q.replace(/\D/g, '').length >= 5)
    return { kind: 'phone', normalized: normalizePhone(q) };
  const folded = foldName(q);
  return { kind: 'name', normalized: folded.length >= 2 ? folded : null };
}
