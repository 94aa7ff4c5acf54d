import type { Kysely } from 'kysely';
import { runSqlScript } from '../sql-script';

// Name lookup by whole spellings [issue 11]. The lookup ranks combinations of dictionary words
// ("spellings") and reads the accounts whose name is exactly one of them through a b-tree on the
// name's sorted words: a point lookup, where the GIN index on the words decodes the posting list of
// every account bearing a common word (a few thousand at a million accounts). The GIN index stays
// for names with more words than the query. A dropped umlaut is one slip of the finger: Böhm typed
// as "Bhm" folds to a word two letters shorter than "boehm", so the dictionary's variants also drop
// a folded umlaut (ae, oe, ue) as one letter.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(
    db,
    `
-- the distinct words of a folded name in byte order, as the application sorts them
create function name_key(search_name text) returns text
language sql immutable strict parallel safe
as $$
  select array_to_string(array(
    select distinct w collate "C" from unnest(string_to_array(search_name, ' ')) as w where w <> '' order by 1
  ), ' ')
$$;

create index accounts_name_key on accounts (name_key(search_name), account_number);
create index account_representatives_name_key on account_representatives (name_key(search_name))
  where revoked_at is null;

create or replace function name_token_variants(token text) returns text[]
language sql immutable strict parallel safe
as $$
  select case when length(token) < 3 then array[token]
    else array[token]
      || array(select left(token, i - 1) || substr(token, i + 1) from generate_series(1, length(token)) as i)
      || array(
        select left(token, i - 1) || substr(token, i + 2) from generate_series(1, length(token) - 1) as i
        where substr(token, i, 2) in ('ae', 'oe', 'ue')
      )
  end
$$;

update name_tokens set variants = name_token_variants(token);
`,
  );
}

export async function down(): Promise<void> {
  throw new Error('0023-name-keys is forward-only');
}
