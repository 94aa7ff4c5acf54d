import type { Kysely } from 'kysely';
import { runSqlScript } from '../sql-script';

// The ground every feature stands on: staff, accounts and their commercial history, cases,
// verification, notes with commitments, settings and the append-only audit log.
// Portable SQL: runs on PGlite (PostgreSQL 18) and PostgreSQL 15.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(
    db,
    `
create extension if not exists pg_trgm;

create function kulanz_refuse_change() returns trigger language plpgsql as $$
begin
  raise exception '% is append-only: % refused', tg_table_name, tg_op using errcode = 'P0001';
end $$;

-- staff -------------------------------------------------------------------------------------
create table staff_users (
  id text primary key,
  email text not null unique,
  display_name text not null,
  role text not null check (role in ('agent', 'lead', 'admin')),
  password_hash text not null,
  locale text not null default 'de' check (locale in ('de', 'en')),
  is_active boolean not null default true,
  created_at timestamptz not null,
  deactivated_at timestamptz
);

create table staff_sessions (
  id text primary key,               -- sha256 of the cookie token; the token itself is never stored
  user_id text not null references staff_users(id),
  created_at timestamptz not null,
  expires_at timestamptz not null,
  last_seen_at timestamptz not null,
  ip text,
  user_agent text
);
create index staff_sessions_user on staff_sessions(user_id);

create table login_attempts (
  id bigserial primary key,
  email text not null,
  ip text,
  succeeded boolean not null,
  at timestamptz not null
);
create index login_attempts_email_at on login_attempts(email, at);

create table settings (
  key text primary key,
  value jsonb not null,
  updated_at timestamptz not null,
  updated_by text references staff_users(id)
);

-- catalogue --------------------------------------------------------------------------------
create table plans (
  id text primary key,
  code text not null unique,
  name_de text not null,
  name_en text not null,
  tier text not null check (tier in ('basic', 'plus', 'premium')),
  cycle text not null check (cycle in ('monthly', 'annual')),
  price_minor bigint not null check (price_minor >= 0),
  currency text not null default 'EUR',
  is_active boolean not null default true
);

create table products (
  id text primary key,
  sku text not null unique,
  name_de text not null,
  name_en text not null,
  category text not null check (category in ('digital', 'physical', 'service', 'subscription')),
  price_minor bigint not null check (price_minor >= 0),
  currency text not null default 'EUR'
);

-- accounts ---------------------------------------------------------------------------------
create table accounts (
  id text primary key,
  account_number text not null unique,
  status text not null check (status in ('active', 'suspended', 'closed')),
  first_name text not null,
  last_name text not null,
  search_name text not null,          -- folded 'first last' (umlauts, accents, case) for fuzzy lookup
  email text,
  email_normalized text,
  phone text,                         -- as the customer wrote it
  phone_e164 text,
  street text,
  postal_code text,
  city text,
  country text not null default 'DE',
  language text not null check (language in ('de', 'en')),
  acquisition_channel text not null,
  currency text not null default 'EUR',
  signup_at timestamptz not null,
  verification_failures integer not null default 0,
  verification_locked_until timestamptz,
  verification_flagged_at timestamptz,
  created_at timestamptz not null,
  updated_at timestamptz not null
);
create index accounts_phone on accounts(phone_e164);
create index accounts_email on accounts(email_normalized);
create index accounts_search_name_trgm on accounts using gin (search_name gin_trgm_ops);
create index accounts_signup on accounts(signup_at);

create table account_representatives (
  id text primary key,
  account_id text not null references accounts(id),
  first_name text not null,
  last_name text not null,
  search_name text not null,
  relationship text not null,
  email text,
  phone text,
  phone_e164 text,
  can_cancel boolean not null default false,
  can_request_refunds boolean not null default false,
  created_at timestamptz not null,
  revoked_at timestamptz
);
create index account_representatives_account on account_representatives(account_id);
create index account_representatives_phone on account_representatives(phone_e164);

-- One keyed hash per factor and person (holder: subject_id = account id; representative: rep id).
create table verification_secrets (
  subject_id text not null,
  account_id text not null references accounts(id),
  factor text not null,
  secret_hash text not null,
  created_at timestamptz not null,
  primary key (subject_id, factor)
);
create index verification_secrets_account on verification_secrets(account_id);

-- commerce ---------------------------------------------------------------------------------
create table subscriptions (
  id text primary key,
  account_id text not null references accounts(id),
  plan_id text not null references plans(id),
  status text not null check (status in ('trialing', 'active', 'paused', 'past_due', 'pending_cancellation', 'cancelled', 'expired')),
  price_minor bigint not null,
  currency text not null default 'EUR',
  cycle text not null check (cycle in ('monthly', 'annual')),
  started_at timestamptz not null,
  current_period_start date not null,
  current_period_end date not null,
  next_renewal_on date,
  cancel_effective_on date,
  cancelled_at timestamptz,
  paused_until date,
  created_at timestamptz not null
);
create index subscriptions_account on subscriptions(account_id);

create table orders (
  id text primary key,
  order_number text not null unique,
  account_id text not null references accounts(id),
  product_id text not null references products(id),
  quantity integer not null check (quantity > 0),
  total_minor bigint not null check (total_minor >= 0),
  currency text not null default 'EUR',
  status text not null check (status in ('placed', 'shipped', 'delivered', 'cancelled', 'returned')),
  ordered_at timestamptz not null,
  delivered_at timestamptz
);
create index orders_account on orders(account_id);

create table invoices (
  id text primary key,
  invoice_number text not null unique,
  account_id text not null references accounts(id),
  subscription_id text references subscriptions(id),
  order_id text references orders(id),
  amount_minor bigint not null check (amount_minor >= 0),
  paid_minor bigint not null default 0 check (paid_minor >= 0),
  currency text not null default 'EUR',
  status text not null check (status in ('open', 'paid', 'void')),
  issued_at timestamptz not null,
  due_on date not null
);
create index invoices_account on invoices(account_id);

create table payments (
  id text primary key,
  account_id text not null references accounts(id),
  invoice_id text references invoices(id),
  order_id text references orders(id),
  subscription_id text references subscriptions(id),
  amount_minor bigint not null check (amount_minor > 0),
  refunded_minor bigint not null default 0 check (refunded_minor >= 0 and refunded_minor <= amount_minor),
  currency text not null default 'EUR',
  method text not null check (method in ('card', 'sepa_debit', 'paypal', 'bank_transfer')),
  status text not null check (status in ('succeeded', 'failed', 'pending')),
  provider_ref text,
  paid_at timestamptz not null
);
create index payments_account on payments(account_id);

create table store_credit_entries (
  id text primary key,
  account_id text not null references accounts(id),
  amount_minor bigint not null,
  currency text not null default 'EUR',
  reason text not null,
  case_id text,
  created_by text references staff_users(id),
  created_at timestamptz not null
);
create index store_credit_entries_account on store_credit_entries(account_id);

-- cases ------------------------------------------------------------------------------------
create sequence case_number_seq start 1000;

create table cases (
  id text primary key,
  case_number text not null unique,
  account_id text not null references accounts(id),
  type text not null check (type in ('cancellation', 'refund', 'inquiry')),
  channel text not null check (channel in ('phone', 'email', 'chat', 'web')),
  mood text not null check (mood in ('calm', 'upset', 'angry')),
  status text not null check (status in ('open', 'pending', 'resolved', 'closed')),
  subject text,
  assignee_id text references staff_users(id),
  opened_by text references staff_users(id),
  opened_at timestamptz not null,
  updated_at timestamptz not null,
  closed_at timestamptz,
  -- the case's current verification: who was verified, with which scopes, until when
  verified_at timestamptz,
  verification_expires_at timestamptz,
  verified_subject_type text check (verified_subject_type in ('holder', 'representative', 'override')),
  verified_representative_id text references account_representatives(id),
  verified_can_cancel boolean not null default false,
  verified_can_request_refunds boolean not null default false
);
create index cases_account on cases(account_id, opened_at desc);
create index cases_assignee_status on cases(assignee_id, status);

create table verification_attempts (
  id text primary key,
  case_id text not null references cases(id),
  account_id text not null references accounts(id),
  representative_id text references account_representatives(id),
  actor_id text not null references staff_users(id),
  factors jsonb not null,             -- names of the factors the caller answered, never the values
  matched integer not null,
  succeeded boolean not null,
  at timestamptz not null
);
create index verification_attempts_case on verification_attempts(case_id, at);

-- notes ------------------------------------------------------------------------------------
create table notes (
  id text primary key,
  account_id text not null references accounts(id),
  case_id text references cases(id),
  author_id text references staff_users(id),
  contact_reason text not null,
  actions_taken text not null,
  body text not null default '',
  addendum_to text references notes(id),
  created_at timestamptz not null
);
create index notes_account on notes(account_id, created_at desc);
create trigger notes_append_only before update or delete on notes
  for each row execute function kulanz_refuse_change();
create trigger notes_no_truncate before truncate on notes
  for each statement execute function kulanz_refuse_change();

create table commitments (
  id text primary key,
  note_id text not null references notes(id),
  account_id text not null references accounts(id),
  case_id text references cases(id),
  description text not null,
  owner_id text not null references staff_users(id),
  due_on date not null,
  status text not null check (status in ('open', 'done')),
  done_at timestamptz,
  done_by text references staff_users(id),
  created_at timestamptz not null
);
create index commitments_owner_open on commitments(owner_id, due_on) where status = 'open';
create index commitments_account on commitments(account_id);

-- audit ------------------------------------------------------------------------------------
create table audit_events (
  id bigserial primary key,
  at timestamptz not null,
  actor_id text,
  actor_role text,
  action text not null,
  entity_type text not null,
  entity_id text not null,
  account_id text,
  case_id text,
  changes jsonb not null default '{}'::jsonb,
  request_id text,
  ip text
);
create index audit_events_at on audit_events(at desc);
create index audit_events_entity on audit_events(entity_type, entity_id);
create index audit_events_case on audit_events(case_id, id) where case_id is not null;
create index audit_events_account on audit_events(account_id, id) where account_id is not null;
create index audit_events_actor on audit_events(actor_id, id);
create trigger audit_events_append_only before update or delete on audit_events
  for each row execute function kulanz_refuse_change();
create trigger audit_events_no_truncate before truncate on audit_events
  for each statement execute function kulanz_refuse_change();
`,
  );
}

export async function down(): Promise<void> {
  throw new Error('0001-foundation is forward-only');
}
