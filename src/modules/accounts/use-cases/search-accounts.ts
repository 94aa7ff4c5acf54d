import type { z } from 'zod';
import type { UseCaseDeps } from '../../../platform/deps';
import { normalizePhone } from '../../../platform/normalize';
import {
  findByName,
  findByPhone,
  findHoldersByAccountNumber,
  findHoldersByEmail,
  type HitRow,
} from '../accounts.repository';
import type { accountHit } from '../accounts.schemas';
import { type InterpretedQuery, interpretQuery } from '../interpret-query';

export type AccountHit = z.infer<typeof accountHit>;

/**
 * One search box for every way a caller identifies themselves. Exact lookups use their b-tree
 * indexes; names use the trigram index (search_name % q), tolerant of typos and of umlauts
 * written out, best match first. Representatives are found by their phone and name too.
 */
export async function searchAccounts(
  deps: UseCaseDeps,
  input: { q: string; limit?: number },
): Promise<{ interpreted: InterpretedQuery; items: AccountHit[] }> {
  const interpreted = interpretQuery(input.q);
  const limit = input.limit ?? 20;
  const { normalized } = interpreted;
  if (!normalized) return { interpreted, items: [] };
  let rows: HitRow[] = [];
  switch (interpreted.kind) {
    case 'account_number': {
      rows = await findHoldersByAccountNumber(deps.db, normalized, limit);
      // bare digits that are no account number may be a phone number typed without its 0 or +
      const digits = input.q.replace(/[\s-]/g, '');
      const asPhone = /^\d+$/.test(digits) ? normalizePhone(input.q) : null;
      if (rows.length === 0 && asPhone) return searchAccounts(deps, { ...input, q: asPhone });
      break;
    }
    case 'email':
      rows = await findHoldersByEmail(deps.db, normalized, limit);
      break;
    case 'phone':
      rows = await findByPhone(deps.db, normalized, limit);
      break;
    case 'name':
      rows = await findByName(deps.db, normalized, limit);
      break;
  }
  return { interpreted, items: toHits(rows, deps.clock.now()).slice(0, limit) };
}

/** One hit per account and way it matched (as holder, or through a representative), in order. */
function toHits(rows: HitRow[], now: Date): AccountHit[] {
  const seen = new Set<string>();
  const items: AccountHit[] = [];
  for (const r of rows) {
    const matchedOn = r.rep_first ? 'representative' : 'holder';
    const key = `${r.id}:${matchedOn}`;
    if (seen.has(key)) continue;
    seen.add(key);
    items.push({
      id: r.id,
      accountNumber: r.account_number,
      status: r.status,
      firstName: r.first_name,
      lastName: r.last_name,
      email: r.email,
      phone: r.phone,
      postalCode: r.postal_code,
      city: r.city,
      language: r.language,
      verificationLocked: Boolean(r.verification_locked_until && r.verification_locked_until > now),
      flagged: r.verification_flagged_at !== null,
      matchedOn,
      representativeName: r.rep_first ? `${r.rep_first} ${r.rep_last}` : null,
    });
  }
  return items;
}
