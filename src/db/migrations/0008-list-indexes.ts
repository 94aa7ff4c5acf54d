import type { Kysely } from 'kysely';
import { runSqlScript } from '../sql-script';

// List views read newest first from an index instead of sorting whole tables: the cases page
// (everybody's cases, with or without a status: 75 ms at 670,000 cases without these, growing with
// every case) and the mailbox filtered by delivery state (failed messages among millions sent).
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(
    db,
    `
create index cases_status_opened on cases(status, opened_at desc, id desc);
create index cases_opened on cases(opened_at desc, id desc);
create index outbox_messages_state_created on outbox_messages(state, created_at desc, id desc);
`,
  );
}

export async function down(): Promise<void> {
  throw new Error('0008-list-indexes is forward-only');
}
