import type { Kysely } from 'kysely';
import { runSqlScript } from '../sql-script';

// The cases page lists everybody's cases newest first, with or without a status: without these,
// each view sorts the whole table (75 ms at 670,000 cases, growing with every case).
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(
    db,
    `
create index cases_status_opened on cases(status, opened_at desc, id desc);
create index cases_opened on cases(opened_at desc, id desc);
`,
  );
}

export async function down(): Promise<void> {
  throw new Error('0008-case-lists is forward-only');
}
