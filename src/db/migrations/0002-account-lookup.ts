import type { Kysely } from 'kysely';
import { runSqlScript } from '../sql-script';

// The lookup finds accounts by a representative's name too (typo-tolerant, like the holder's):
// a trigram index keeps that fast at a million accounts instead of scanning every representative.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(
    db,
    `
create index if not exists account_representatives_search_name_trgm
  on account_representatives using gin (search_name gin_trgm_ops);
`,
  );
}

export async function down(): Promise<void> {
  throw new Error('0002-account-lookup is forward-only');
}
