import type { Kysely } from 'kysely';
import { runSqlScript } from '../sql-script';

// Follow-up surveys: scheduled when a case closes, sent as an e-mail with a single-use link,
// answered on a public page. The link's token is stored only as a keyed hash.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(
    db,
    `
create table surveys (
  id text primary key,
  case_id text not null references cases(id),
  account_id text not null references accounts(id),
  state text not null check (state in ('scheduled', 'sent', 'answered', 'cancelled', 'expired')),
  due_at timestamptz not null,
  job_id text,
  token_hash text unique,
  message_id text references outbox_messages(id),
  sent_at timestamptz,
  expires_at timestamptz,
  rating integer check (rating between 1 and 5),
  comment text,
  answered_at timestamptz,
  created_by text references staff_users(id),
  created_at timestamptz not null,
  cancelled_at timestamptz
);
create index surveys_case on surveys(case_id, created_at);
create index surveys_account on surveys(account_id, created_at);
-- one open follow-up per case at a time
create unique index surveys_one_open_per_case on surveys(case_id) where state in ('scheduled', 'sent');
`,
  );
}

export async function down(): Promise<void> {
  throw new Error('0005-surveys is forward-only');
}
