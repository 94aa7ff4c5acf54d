import type { Kysely } from 'kysely';
import { runSqlScript } from '../sql-script';

// Reads on the hot write paths that had no index, found by the mixed workload at a million
// accounts (each a scan of the whole table, and under fifty connections the scans took the
// database's cores): writing a note answers with the note, its addenda and its commitments, read
// by the note's id (54 ms and 11 ms); a refund request's facts read the subscription's payments,
// the first and the renewals (a scan of three million payments, 0.3–3 s under load).
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(
    db,
    `
create index notes_addendum_to on notes (addendum_to) where addendum_to is not null;
create index commitments_note on commitments (note_id);
create index payments_subscription on payments (subscription_id, paid_at, id) where status = 'succeeded';
`,
  );
}

export async function down(): Promise<void> {
  throw new Error('0025-hot-path-indexes is forward-only');
}
