import type { Kysely } from 'kysely';
import { runSqlScript } from '../sql-script';

// The messaging rail: a transactional outbox (a use case inserts its messages in its own
// transaction; a worker delivers them) and the admins' template overrides.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(
    db,
    `
create table outbox_messages (
  id text primary key,
  kind text not null,
  account_id text references accounts(id),
  case_id text references cases(id),
  to_address text not null,
  language text not null check (language in ('de', 'en')),
  subject text not null,
  text_body text not null,
  html_body text not null,
  state text not null check (state in ('queued', 'sending', 'sent', 'failed', 'cancelled')),
  attempts integer not null default 0,
  max_attempts integer not null default 5,
  next_attempt_at timestamptz not null,
  locked_until timestamptz,             -- a 'sending' row past this time was abandoned by a dead worker
  last_error text,
  idempotency_key text unique,          -- actor + client key: a retried request never enqueues twice
  request_hash text,
  transport text check (transport in ('smtp', 'mailbox')),
  provider_message_id text,
  created_by text references staff_users(id),
  created_at timestamptz not null,
  sent_at timestamptz
);
create index outbox_messages_due on outbox_messages(next_attempt_at) where state = 'queued';
create index outbox_messages_sending on outbox_messages(locked_until) where state = 'sending';
create index outbox_messages_case on outbox_messages(case_id, created_at) where case_id is not null;
create index outbox_messages_account on outbox_messages(account_id, created_at) where account_id is not null;
create index outbox_messages_created on outbox_messages(created_at desc);

create table message_templates (
  kind text not null,
  language text not null check (language in ('de', 'en')),
  subject text not null,
  text_body text not null,
  html_body text not null,
  updated_at timestamptz not null,
  updated_by text references staff_users(id),
  primary key (kind, language)
);
`,
  );
}

export async function down(): Promise<void> {
  throw new Error('0004-messaging is forward-only');
}
