import type { Kysely } from 'kysely';
import { runSqlScript } from '../sql-script';

// Refund executions: the money of an approved request moves in its own step. The decision and a
// pending execution (with the idempotency key the provider is called with) commit together; a
// worker executes it under the execution's row lock, so a retried request, a double click, two
// instances or a crash between the provider's answer and our commit never pay twice: the next
// attempt calls the provider with the same key. A failed execution leaves the request failed;
// the fallback (store credit, bank transfer) is a new execution with its own key.
// Decision keys: an Idempotency-Key on a decision answers the first decision when replayed.
// Two facts the evaluation had to assume before: where an order was sold (a purchase in a shop
// is no distance contract, so no statutory withdrawal) and the customer's complaints (a case of
// type complaint), which the policy weighs.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(
    db,
    `
alter table refund_requests drop constraint refund_requests_execution_method_check;
alter table refund_requests add constraint refund_requests_execution_method_check
  check (execution_method in ('original_payment', 'store_credit', 'bank_transfer'));

create table refund_executions (
  id text primary key,
  request_id text not null references refund_requests(id),
  method text not null check (method in ('original_payment', 'store_credit', 'bank_transfer')),
  amount_minor bigint not null check (amount_minor > 0),
  currency text not null,
  idempotency_key text not null,
  status text not null check (status in ('pending', 'succeeded', 'failed')),
  attempts integer not null default 0,
  last_error text,
  result_ref text,
  failure_reason text,
  payout_holder text,
  payout_iban text,
  created_by text references staff_users(id),
  created_at timestamptz not null,
  updated_at timestamptz not null,
  finished_at timestamptz,
  check ((status = 'failed') = (failure_reason is not null)),
  check ((method = 'bank_transfer') = (payout_iban is not null))
);
create unique index refund_executions_idempotency_key on refund_executions (idempotency_key);
-- one execution in flight per request, whatever races
create unique index refund_executions_one_pending on refund_executions (request_id) where status = 'pending';
create index refund_executions_request on refund_executions (request_id, created_at);
create index refund_executions_due on refund_executions (updated_at) where status = 'pending';

alter table orders add column sales_channel text not null default 'online'
  check (sales_channel in ('online', 'phone', 'mail', 'store'));

alter table cases drop constraint cases_type_check;
alter table cases add constraint cases_type_check
  check (type in ('cancellation', 'refund', 'inquiry', 'complaint'));

create table refund_decision_keys (
  actor_id text not null references staff_users(id),
  idempotency_key text not null,
  request_id text not null references refund_requests(id),
  fingerprint text not null,
  created_at timestamptz not null,
  primary key (actor_id, idempotency_key)
);
`,
  );
}
