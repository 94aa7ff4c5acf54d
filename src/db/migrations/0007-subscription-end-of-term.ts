import type { Kysely } from 'kysely';
import { runSqlScript } from '../sql-script';

// The daily end-of-term sweep looks for cancellations whose date has come; a partial index keeps
// that a small range scan however many subscriptions there are.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(
    db,
    `
create index subscriptions_pending_cancellation on subscriptions(cancel_effective_on, id)
  where status = 'pending_cancellation';
`,
  );
}

export async function down(): Promise<void> {
  throw new Error('0007-subscription-end-of-term is forward-only');
}
