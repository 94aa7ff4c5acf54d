import { type Kysely, sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import { precompiled } from '../../db/precompiled';
import type { DB } from '../../db/schema';
import type { Executor } from '../../platform/audit';
import { notFound } from '../../platform/errors';
import { billingSummaryJson } from '../billing';
import { listCasesQuery } from '../cases';
import { listCommitmentsQuery } from '../notes';
import { AccountErrors } from './accounts.errors';
import type { AccountsTable } from './accounts.table';

function orNotFound<T>(row: T | undefined, id: string, field: string): T {
  if (!row) throw notFound(AccountErrors.ACCOUNT_NOT_FOUND, 'Account', id, field);
  return row;
}

/** The account's row, or ACCOUNT_NOT_FOUND naming `field` (the request field that carried the id). */
export async function findAccountOrThrow(db: Executor, id: string, field = 'params.id') {
  const row = await db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
  return orNotFound(row, id, field);
}

/** The account's row, locked for the rest of the transaction, or ACCOUNT_NOT_FOUND naming `field`. */
export async function lockAccountOrThrow(trx: Executor, id: string, field = 'params.id') {
  const row = await trx
    .selectFrom('accounts')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  return orNotFound(row, id, field);
}

/** The account's representatives who have not been revoked, oldest first. */
export function listActiveRepresentatives(db: Executor, accountId: string) {
  return db
    .selectFrom('account_representatives')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('revoked_at', 'is', null)
    .orderBy('created_at')
    .execute();
}

/** One representative of this account who has not been revoked, or undefined. */
export function findActiveRepresentative(db: Executor, accountId: string, representativeId: string) {
  return db
    .selectFrom('account_representatives')
    .select(['id', 'first_name', 'last_name', 'can_cancel', 'can_request_refunds'])
    .where('id', '=', representativeId)
    .where('account_id', '=', accountId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}

export type ContactColumns = Partial<
  Pick<
    AccountsTable,
    'email' | 'email_normalized' | 'phone' | 'phone_e164' | 'street' | 'postal_code' | 'city' | 'language'
  >
>;

export async function updateAccountContact(trx: Executor, id: string, set: ContactColumns, now: Date) {
  await trx
    .updateTable('accounts')
    .set({ ...set, updated_at: now })
    .where('id', '=', id)
    .execute();
}

// ---- the account view ----------------------------------------------------------------------------

/**
 * The whole account view in one statement: the account's row, its current representatives, and,
 * nested as JSON, what its owners select for it — billing's summary, the 20 newest cases, the open
 * commitments. Each part is the owning module's own query builder; only the composition is here,
 * so the view costs one round trip instead of one per part. Compiled once (see precompiled).
 */
const accountView = precompiled(1, (db, accountId: string) =>
  db
    .selectFrom('accounts')
    .leftJoin('verification_lockouts as lockout', 'lockout.account_id', 'accounts.id')
    .selectAll('accounts')
    .select([
      'lockout.failures as verification_failures',
      'lockout.locked_until as verification_locked_until',
      'lockout.flagged_at as verification_flagged_at',
      jsonArrayFrom(
        db
          .selectFrom('account_representatives')
          .select([
            'id',
            'first_name',
            'last_name',
            'relationship',
            'email',
            'phone',
            'can_cancel',
            'can_request_refunds',
          ])
          .where('account_id', '=', accountId)
          .where('revoked_at', 'is', null)
          .orderBy('created_at'),
      ).as('representatives'),
      billingSummaryJson(db, accountId).as('billing'),
      jsonArrayFrom(listCasesQuery(db, { accountId, limit: 20 })).as('cases'),
      jsonArrayFrom(listCommitmentsQuery(db, { accountId, status: 'open' })).as('commitments'),
    ])
    .where('accounts.id', '=', accountId),
);

/** The account view's row (see accountView), or ACCOUNT_NOT_FOUND naming `field`. */
export async function findAccountViewOrThrow(db: Executor, id: string, field = 'params.id') {
  const [row] = await accountView(db, id);
  return orNotFound(row, id, field);
}

export type AccountViewRow = Awaited<ReturnType<typeof findAccountViewOrThrow>>;

// ---- search --------------------------------------------------------------------------------------

const hitColumns = [
  'accounts.id',
  'accounts.account_number',
  'accounts.status',
  'accounts.first_name',
  'accounts.last_name',
  'accounts.email',
  'accounts.phone',
  'accounts.postal_code',
  'accounts.city',
  'accounts.language',
  'lockout.locked_until as verification_locked_until',
  'lockout.flagged_at as verification_flagged_at',
] as const;

function holders(db: Executor) {
  return db
    .selectFrom('accounts')
    .leftJoin('verification_lockouts as lockout', 'lockout.account_id', 'accounts.id')
    .select(hitColumns);
}

function viaRepresentatives(db: Executor) {
  return db
    .selectFrom('account_representatives as rep')
    .innerJoin('accounts', 'accounts.id', 'rep.account_id')
    .leftJoin('verification_lockouts as lockout', 'lockout.account_id', 'accounts.id')
    .select([...hitColumns, 'rep.first_name as rep_first', 'rep.last_name as rep_last'])
    .where('rep.revoked_at', 'is', null);
}

/** A search hit's row; `rep_first`/`rep_last` are set when a representative matched. */
export type HitRow = Awaited<ReturnType<ReturnType<typeof holders>['execute']>>[number] & {
  rep_first?: string | null;
  rep_last?: string | null;
};

// The exact lookups run on every call an agent takes: built and compiled once (see precompiled).
const holdersByAccountNumber = precompiled(2, (db, accountNumber: string, limit: number) =>
  holders(db).where('accounts.account_number', '=', accountNumber).limit(limit),
);

const holdersByEmail = precompiled(2, (db, emailNormalized: string, limit: number) =>
  holders(db).where('accounts.email_normalized', '=', emailNormalized).limit(limit),
);

/** Holders with that phone number first, then representatives with it: one statement, one round trip. */
const byPhone = precompiled(2, (db, e164: string, limit: number) => {
  const own = holders(db)
    // the same columns in the same order as viaRepresentatives: a union matches them by position
    .select([
      sql<string | null>`null`.as('rep_first'),
      sql<string | null>`null`.as('rep_last'),
      sql<number>`0`.as('branch'),
    ])
    .where('accounts.phone_e164', '=', e164)
    .limit(limit);
  const reps = viaRepresentatives(db)
    .select(sql<number>`1`.as('branch'))
    .where('rep.phone_e164', '=', e164)
    .limit(limit);
  return db
    .selectFrom(own.as('own'))
    .selectAll()
    .unionAll(db.selectFrom(reps.as('reps')).selectAll())
    .orderBy('branch');
});

export function findHoldersByAccountNumber(
  db: Executor,
  accountNumber: string,
  limit: number,
): Promise<HitRow[]> {
  return holdersByAccountNumber(db, accountNumber, limit);
}

export function findHoldersByEmail(db: Executor, emailNormalized: string, limit: number): Promise<HitRow[]> {
  return holdersByEmail(db, emailNormalized, limit);
}

export function findByPhone(db: Executor, e164: string, limit: number): Promise<HitRow[]> {
  return byPhone(db, e164, limit);
}

/**
 * Names in two steps, each on an index, never over every account: first the words of the
 * query are looked up in the small dictionary of name words (name_tokens, a few thousand words
 * at a million accounts): the word itself, the words one edit away (a swapped pair, a dropped,
 * added or changed letter: they share a deletion variant) and the words that are close by
 * trigram similarity (Meier/Meyer); then the accounts bearing those words are read through the
 * GIN index on their name's words and ranked: the exact name first, then by similarity of the
 * whole name. Two tiers: close words, every word of the query matched (similarity 0.5); only
 * when nothing is found, the wide net (0.3): any word matched and the whole name similar, which
 * still finds a badly heard name.
 */
export const NAME_SIMILARITY_TIERS = [0.5, 0.3] as const;

/** Words of a query beyond these are ignored for finding (a name rarely has more). */
const MAX_QUERY_WORDS = 6;
/** Dictionary words considered per word of the query, the closest first. */
const CANDIDATES_PER_WORD = 40;

/** The dictionary words close to each word of the query, keyed by the word's position. */
async function candidateWords(trx: Executor, words: string[]): Promise<string[][]> {
  const rows = await sql<{ ord: number; token: string }>`
    select q.ord::int as ord, c.token
    from unnest(${words}::text[]) with ordinality as q(word, ord)
    cross join lateral (
      select t.token from name_tokens t
      where t.variants && name_token_variants(q.word) or t.token % q.word
      order by t.token = q.word desc, t.token <-> q.word, t.token
      limit ${CANDIDATES_PER_WORD}
    ) c`.execute(trx);
  const byWord: string[][] = words.map(() => []);
  for (const r of rows.rows) byWord[r.ord - 1]!.push(r.token);
  return byWord;
}

const wordsOf = (column: string) => sql.raw(`string_to_array(${column}, ' ')`);

/** Every word of the query matched (close tier), or any word and the whole name similar (wide tier). */
function wordMatch(column: string, candidates: string[][], folded: string, strict: boolean) {
  if (strict)
    return sql<boolean>`${sql.join(
      candidates.map((c) => sql`${wordsOf(column)} && ${c}::text[]`),
      sql` and `,
    )}`;
  return sql<boolean>`${wordsOf(column)} && ${candidates.flat()}::text[] and ${sql.raw(column)} % ${folded}`;
}

/**
 * Names through the dictionary of name words (see NAME_SIMILARITY_TIERS), best match first. The
 * threshold is set for this transaction only, so a pooled connection's session setting can never
 * change results.
 */
export async function findByName(db: Kysely<DB>, folded: string, limit: number): Promise<HitRow[]> {
  const words = [...new Set(folded.split(' ').filter(Boolean))].slice(0, MAX_QUERY_WORDS);
  if (words.length === 0) return [];
  return db.transaction().execute(async (trx) => {
    for (const [tier, threshold] of NAME_SIMILARITY_TIERS.entries()) {
      await sql`select set_config('pg_trgm.similarity_threshold', ${String(threshold)}, true)`.execute(trx);
      const candidates = await candidateWords(trx, words);
      const strict = tier === 0;
      if (strict ? candidates.some((c) => c.length === 0) : candidates.every((c) => c.length === 0)) continue;
      const own = await holders(trx)
        .where(wordMatch('accounts.search_name', candidates, folded, strict))
        .orderBy(sql`accounts.search_name = ${folded}`, 'desc')
        .orderBy((eb) => eb.fn('similarity', ['accounts.search_name', eb.val(folded)]), 'desc')
        .orderBy('accounts.account_number')
        .limit(limit)
        .execute();
      const reps = await viaRepresentatives(trx)
        .where(wordMatch('rep.search_name', candidates, folded, strict))
        .orderBy(sql`rep.search_name = ${folded}`, 'desc')
        .orderBy((eb) => eb.fn('similarity', ['rep.search_name', eb.val(folded)]), 'desc')
        .orderBy('accounts.account_number')
        .limit(Math.min(limit, 5))
        .execute();
      if (own.length + reps.length > 0) return [...own, ...reps];
    }
    return [];
  });
}
