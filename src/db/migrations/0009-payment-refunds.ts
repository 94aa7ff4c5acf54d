import type { Kysely } from 'kysely';
import { runSqlScript } from '../sql-script';

// Billing's refund ledger. Which provider took a payment is data on the payment (the built-in
// provider is 'kulanz'); every refund is one row, booked once per idempotency key, and
// payments.refunded_minor counts every refund that has not failed, so the remainder
// (amount - refunded) is read and changed under the payment's row lock.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(
    db,
    `
alter table payments add column provider text not null default 'kulanz';

create table payment_refunds (
  id text primary key,
  payment_id text not null references payments(id),
  account_id text not null references accounts(id),
  idempotency_key text not null,
  amount_minor bigint not null check (amount_minor > 0),
  currency text not null,
  status text not null check (status in ('pending', 'succeeded', 'failed')),
  reason text not null,
  failure_reason text,
  provider text not null,
  provider_ref text,
  case_id text,
  requested_by text references staff_users(id),
  created_at timestamptz not null,
  updated_at timestamptz not null,
  settled_at timestamptz,
  failed_at timestamptz,
  check ((status = 'failed') = (failure_reason is not null))
);
create unique index payment_refunds_idempotency_key on payment_refunds(idempotency_key);
create unique index payment_refunds_provider_ref on payment_refunds(provider, provider_ref);
create index payment_refunds_payment on payment_refunds(payment_id);
`,
  );
}

export async function down(): Promise<void> {
  throw new Error('0009-payment-refunds is forward-only');
}
