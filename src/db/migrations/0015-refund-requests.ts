import type { Kysely } from 'kysely';
import { runSqlScript } from '../sql-script';

// The refund desk's requests. A request keeps exactly the facts the evaluation read, the
// evaluation it gave and the policy version it used, so it can be replayed; its decision and
// execution live on the same row, changed under the row's lock, and every status change is one
// row in refund_request_events (who, when, from which status to which, with the note).
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(
    db,
    `
create table refund_requests (
  id text primary key,
  case_id text not null references cases(id),
  account_id text not null references accounts(id),
  payment_id text not null references payments(id),
  order_id text references orders(id),
  reason_code text not null,
  customer_words text not null,
  mood text not null check (mood in ('calm', 'upset', 'angry')),
  requested_minor bigint not null check (requested_minor > 0),
  currency text not null,
  status text not null check (status in
    ('evaluated', 'pending_approval', 'needs_info', 'approved', 'denied', 'executed', 'failed')),
  status_since timestamptz not null,
  policy_version integer not null references policy_versions(version),
  facts jsonb not null,
  evaluation jsonb not null,
  evaluated_at timestamptz not null,
  decided_minor bigint check (decided_minor > 0),
  decided_by text references staff_users(id),
  decided_at timestamptz,
  decision_note text,
  alternative jsonb,
  execution_method text check (execution_method in ('original_payment', 'store_credit')),
  execution_ref text,
  failure_reason text,
  idempotency_key text,
  request_fingerprint text,
  created_by text not null references staff_users(id),
  created_at timestamptz not null,
  updated_at timestamptz not null
);
-- the exceptions queue: one status, oldest first, keyset on (status_since, id)
create index refund_requests_queue on refund_requests (status, status_since, id);
create index refund_requests_case on refund_requests (case_id, created_at);
create index refund_requests_account on refund_requests (account_id, created_at);
create index refund_requests_payment on refund_requests (payment_id);
create unique index refund_requests_idempotency_key on refund_requests (created_by, idempotency_key);

create table refund_request_events (
  id bigint generated always as identity primary key,
  request_id text not null references refund_requests(id),
  at timestamptz not null,
  actor_id text references staff_users(id),
  action text not null,
  from_status text,
  to_status text not null,
  note text
);
create index refund_request_events_request on refund_request_events (request_id, id);
`,
  );
}
