import type { Kysely } from 'kysely';
import { runSqlScript } from '../sql-script';

// Name lookup without a trigram scan over every account [issue 11]. The distinct words of all
// holders' and representatives' folded names (a few thousand even at a million accounts) form a
// small dictionary, searched by trigram similarity and by one-letter edits (each word's deletion
// variants: a swapped pair or a dropped, added or changed letter share one); the accounts are
// then found by exact words through a GIN index on their name's words. Triggers add new words in
// the writing statement's transaction, whoever writes (a use case, the seed, a test, plain SQL);
// words nobody bears any more stay, harmlessly: the second step only finds accounts that have them.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(
    db,
    `
-- the word itself and, from three letters on, every way of dropping one letter from it: two words
-- one edit apart (swap, drop, insert, change) share a variant
create function name_token_variants(token text) returns text[]
language sql immutable strict parallel safe
as $$
  select case when length(token) < 3 then array[token]
    else array[token] || array(select left(token, i - 1) || substr(token, i + 1) from generate_series(1, length(token)) as i)
  end
$$;

create table name_tokens (
  token text primary key,
  variants text[] not null
);
create index name_tokens_variants on name_tokens using gin (variants);
create index name_tokens_trgm on name_tokens using gin (token gin_trgm_ops);

insert into name_tokens (token, variants)
select token, name_token_variants(token)
from (
  select unnest(string_to_array(search_name, ' ')) as token from accounts
  union
  select unnest(string_to_array(search_name, ' ')) from account_representatives
) words
where token <> '';

-- statement-level, so a bulk insert of 5,000 accounts adds its new words in one statement; sorted,
-- so two transactions adding the same new words wait for each other instead of deadlocking
create function name_tokens_collect() returns trigger
language plpgsql
as $$
begin
  insert into name_tokens (token, variants)
  select token, name_token_variants(token)
  from (select distinct unnest(string_to_array(search_name, ' ')) as token from new_rows) words
  where token <> ''
  order by token
  on conflict (token) do nothing;
  return null;
end
$$;

create trigger accounts_name_tokens_insert after insert on accounts
  referencing new table as new_rows for each statement execute function name_tokens_collect();
create trigger accounts_name_tokens_update after update on accounts
  referencing new table as new_rows for each statement execute function name_tokens_collect();
create trigger account_representatives_name_tokens_insert after insert on account_representatives
  referencing new table as new_rows for each statement execute function name_tokens_collect();
create trigger account_representatives_name_tokens_update after update on account_representatives
  referencing new table as new_rows for each statement execute function name_tokens_collect();

-- the accounts (and representatives) bearing a word: the lookup's second, exact step
create index accounts_name_words on accounts using gin (string_to_array(search_name, ' '));
create index account_representatives_name_words on account_representatives
  using gin (string_to_array(search_name, ' ')) where revoked_at is null;

-- the trigram indexes over every name are no longer read
drop index if exists accounts_search_name_trgm;
drop index if exists account_representatives_search_name_trgm;
`,
  );
}

export async function down(): Promise<void> {
  throw new Error('0022-name-tokens is forward-only');
}
