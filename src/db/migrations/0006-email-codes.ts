import type { Kysely } from 'kysely';
import { runSqlScript } from '../sql-script';

// One-time codes sent to the e-mail on file, a verification factor: stored only as keyed
// hashes, valid for minutes, a bounded number of tries.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(
    db,
    `
create table verification_email_codes (
  id text primary key,
  case_id text not null references cases(id),
  account_id text not null references accounts(id),
  code_hash text not null,
  sent_to text not null,
  message_id text references outbox_messages(id),
  attempts integer not null default 0,
  max_attempts integer not null default 3,
  expires_at timestamptz not null,
  used_at timestamptz,
  superseded_at timestamptz,
  created_by text references staff_users(id),
  created_at timestamptz not null
);
create index verification_email_codes_case on verification_email_codes(case_id, created_at desc);
`,
  );
}

export async function down(): Promise<void> {
  throw new Error('0006-email-codes is forward-only');
}
