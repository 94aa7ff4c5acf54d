import { sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import { precompiled } from '../../db/precompiled';
import type { Executor } from '../../platform/audit';
import { notFound } from '../../platform/errors';
import { billingSummaryJson } from '../billing';
import { listCasesQuery } from '../cases';
import { listCommitmentsQuery } from '../notes';
import { AccountErrors } from './accounts.errors';
import type { AccountsTable } from './accounts.table';
import {
  type CandidateWord,
  nameKey,
  orderBySpelling,
  rankSpellings,
  type Spelling,
  type SpellingHit,
} from './name-spellings';

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
 * Names in two steps, each on an index, never over every account. First the words of the query are
 * looked up in the small dictionary of name words (name_tokens, a few thousand words even at a
 * million accounts): the word itself, the words one or two edits away (a swapped pair, a dropped,
 * added or changed letter: they share a deletion variant), the words that begin with the last word
 * (still being typed) and the words close by trigram similarity (Meier/Meyer). The combinations of
 * those words are ranked by edit distance (name-spellings.ts), and the accounts bearing each of the
 * best spellings' words are read through the GIN index on their name's words, a bounded number per
 * spelling: the closest spelling first, the exact name first within it, equally close spellings
 * taking turns, weaker spellings only when nothing closer exists.
 */

/** Words of a query beyond these are ignored for finding (a name rarely has more). */
const MAX_QUERY_WORDS = 6;
/** Dictionary words considered per word of the query, the closest first. */
const CANDIDATES_PER_WORD = 12;
/** Trigram similarity a dictionary word needs to be offered without being an edit or two away. */
const MIN_WORD_SIMILARITY = 0.3;

/** The dictionary words close to each word of the query, keyed by the word's position. */
async function candidateWords(db: Executor, words: string[]): Promise<CandidateWord[][]> {
  const last = words.length;
  // explicit thresholds, so that a session's pg_trgm.similarity_threshold cannot change results;
  // the % and LIKE conditions only let the trigram index find the rows; folded words are [a-z0-9]
  // only, so a word holds no LIKE wildcard
  const rows = await sql<{ ord: number; token: string; similarity: number }>`
    with q as materialized (
      -- the query word's deletion variants once per word, not once per dictionary word compared
      select u.word, u.ord, name_token_variants(u.word) as variants
      from unnest(${words}::text[]) with ordinality as u(word, ord)
    )
    select q.ord::int as ord, c.token, c.similarity
    from q
    cross join lateral (
      select t.token, similarity(t.token, q.word) as similarity from name_tokens t
      where t.variants && q.variants
         or (t.token % q.word and similarity(t.token, q.word) >= ${MIN_WORD_SIMILARITY})
         or (q.ord = ${last} and length(q.word) >= 3 and t.token like q.word || '%')
      order by t.token = q.word desc, t.variants && q.variants desc, t.token <-> q.word, t.token
      limit ${CANDIDATES_PER_WORD}
    ) c`.execute(db);
  const byWord: CandidateWord[][] = words.map(() => []);
  for (const r of rows.rows) byWord[r.ord - 1]!.push({ token: r.token, similarity: Number(r.similarity) });
  return byWord;
}

type NameHit = HitRow & { matched_name: string; name_similarity: number; spelling: number; branch: number };

/** Spellings whose accounts with more words in their name (a middle name) are read, when the exact ones are too few. */
const WIDER_SPELLINGS = 6;

/**
 * The holders and representatives bearing each spelling, a bounded number per spelling: `exact`,
 * those whose name is exactly the spelling's words (a b-tree point lookup on the sorted words);
 * otherwise those whose name holds the words and more (the GIN index on the words).
 */
async function accountsBySpelling(
  db: Executor,
  spellings: Spelling[],
  folded: string,
  limit: number,
  exact: boolean,
): Promise<NameHit[]> {
  const keys = spellings.map((s) => nameKey(s.words));
  const own = exact
    ? sql`name_key(a.search_name) = s.words`
    : sql`string_to_array(a.search_name, ' ') @> string_to_array(s.words, ' ') and name_key(a.search_name) <> s.words`;
  // the exact names of a spelling are few (namesakes) and listed by account number; names holding a
  // spelling's words and more are read as the index finds them, at most `limit`, never all of them
  // to sort (every account bearing a common first name)
  const order = exact ? sql`order by a.account_number` : sql``;
  const rep = exact
    ? sql`name_key(rep.search_name) = s.words`
    : sql`string_to_array(rep.search_name, ' ') @> string_to_array(s.words, ' ') and name_key(rep.search_name) <> s.words`;
  const rows = await sql<NameHit>`
    select s.idx::int as spelling, h.*
    from unnest(${keys}::text[]) with ordinality as s(words, idx)
    cross join lateral (
      (select 0 as branch, a.id, a.account_number, a.status, a.first_name, a.last_name, a.email, a.phone,
              a.postal_code, a.city, a.language, l.locked_until as verification_locked_until,
              l.flagged_at as verification_flagged_at, null::text as rep_first, null::text as rep_last,
              a.search_name as matched_name, similarity(a.search_name, ${folded}) as name_similarity
       from accounts a left join verification_lockouts l on l.account_id = a.id
       where ${own}
       ${order}
       limit ${limit})
      union all
      (select 1, a.id, a.account_number, a.status, a.first_name, a.last_name, a.email, a.phone,
              a.postal_code, a.city, a.language, l.locked_until, l.flagged_at, rep.first_name, rep.last_name,
              rep.search_name, similarity(rep.search_name, ${folded})
       from account_representatives rep
       join accounts a on a.id = rep.account_id
       left join verification_lockouts l on l.account_id = a.id
       where ${rep} and rep.revoked_at is null
       ${order}
       limit ${Math.min(limit, 5)})
    ) h`.execute(db);
  return rows.rows;
}

/**
 * Names through the dictionary of name words and ranked spellings (see above), best match first:
 * one statement for the dictionary, one for the accounts named exactly as the spellings, and one
 * more for names with further words only when those are fewer than asked for.
 */
export async function findByName(db: Executor, folded: string, limit: number): Promise<HitRow[]> {
  const words = [...new Set(folded.split(' ').filter(Boolean))].slice(0, MAX_QUERY_WORDS);
  if (words.length === 0) return [];
  const spellings = rankSpellings(words, await candidateWords(db, words));
  if (spellings.length === 0) return [];
  const hits = await accountsBySpelling(db, spellings, folded, limit, true);
  if (hits.filter((h) => h.branch === 0).length < limit) {
    // names with a middle name for the spellings of several words; a spelling of one word (a word
    // of the query left out) only when the query has nothing else to go on
    const several = spellings.filter((sp) => sp.words.length > 1);
    const wider = (several.length > 0 ? several : spellings).slice(0, WIDER_SPELLINGS);
    const more = await accountsBySpelling(db, wider, folded, limit, false);
    // numbered by their place in `wider`: back to their place among all spellings, and listed by
    // account number like the exact ones
    more.sort((a, b) => a.account_number.localeCompare(b.account_number));
    for (const h of more) hits.push({ ...h, spelling: spellings.indexOf(wider[h.spelling - 1]!) + 1 });
  }
  const ordered = (branch: number, max: number) => {
    const found: Array<Array<NameHit & SpellingHit>> = spellings.map(() => []);
    for (const h of hits)
      if (h.branch === branch)
        found[h.spelling - 1]!.push({
          ...h,
          key: h.id,
          name: h.matched_name,
          similarity: Number(h.name_similarity),
        });
    return orderBySpelling(spellings, found, folded, max);
  };
  return [...ordered(0, limit), ...ordered(1, Math.min(limit, 5))];
}
