import type { Kysely } from 'kysely';
import { runSqlScript } from '../sql-script';

// The insights dashboard reads the requests and payments of a period: each of its statements
// starts with a range on the creation (payment) time, which no index had as its leading column.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(
    db,
    `
create index refund_requests_created on refund_requests (created_at);
create index cancellation_requests_created on cancellation_requests (created_at);
create index payments_paid on payments (paid_at) where status = 'succeeded';
`,
  );
}

export async function down(): Promise<void> {
  throw new Error('0020-insights-indexes is forward-only');
}
