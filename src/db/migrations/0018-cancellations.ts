import type { Kysely } from 'kysely';
import { runSqlScript } from '../sql-script';

// The cancellation desk. Reasons are versioned: a label change is a new row of
// cancellation_reason_versions, and a request stores the code and the version it was recorded
// with, so renaming a label never rewrites what an earlier request said (append-only). A request
// walks the steps of seed 000 (reason, review, explain, offers, process, confirm), each stamped
// on its row under the row's lock; every step is one row in cancellation_request_events.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(
    db,
    `
create table cancellation_reason_versions (
  code text not null,
  version integer not null check (version >= 1),
  parent_code text,
  label_de text not null,
  label_en text not null,
  position integer not null,
  is_selectable boolean not null,
  needs_competitor boolean not null default false,
  is_retired boolean not null default false,
  created_by text references staff_users(id),
  created_at timestamptz not null,
  primary key (code, version)
);
create trigger cancellation_reason_versions_append_only before update or delete on cancellation_reason_versions
  for each row execute function kulanz_refuse_change();
create trigger cancellation_reason_versions_no_truncate before truncate on cancellation_reason_versions
  for each statement execute function kulanz_refuse_change();

insert into cancellation_reason_versions
  (code, version, parent_code, label_de, label_en, position, is_selectable, needs_competitor, created_at)
values
  ('price_value', 1, null, 'Preis und Nutzen', 'Price and value', 10, false, false, now()),
  ('too_expensive', 1, 'price_value', 'Zu teuer', 'Too expensive', 11, true, false, now()),
  ('not_using', 1, 'price_value', 'Nutzt es nicht / kein Nutzen', 'Not using it / no value', 12, true, false, now()),
  ('product', 1, null, 'Produkt', 'Product', 20, false, false, now()),
  ('missing_features', 1, 'product', 'Fehlende Funktionen', 'Missing features', 21, true, false, now()),
  ('technical_problems', 1, 'product', 'Technische Probleme', 'Technical problems', 22, true, false, now()),
  ('poor_support', 1, 'product', 'Schlechte Erfahrung mit dem Support', 'Poor support experience', 23, true, false, now()),
  ('competitor', 1, null, 'Wechsel zu einem Mitbewerber', 'Switching to a competitor', 30, true, true, now()),
  ('circumstances', 1, null, 'Persönliche Umstände', 'Personal circumstances', 40, false, false, now()),
  ('trial_only', 1, 'circumstances', 'Wollte es nur ausprobieren', 'Only wanted to try it', 41, true, false, now()),
  ('temporary', 1, 'circumstances', 'Vorübergehend / saisonal', 'Temporary / seasonal', 42, true, false, now()),
  ('life_change', 1, 'circumstances', 'Umzug oder Lebensveränderung', 'Moving or life change', 43, true, false, now()),
  ('other', 1, null, 'Sonstiges', 'Other', 90, true, false, now());

create table cancellation_requests (
  id text primary key,
  reference text not null unique,
  case_id text not null references cases(id),
  account_id text not null references accounts(id),
  subscription_id text not null references subscriptions(id),
  status text not null check (status in
    ('in_progress', 'scheduled', 'cancelled', 'retained', 'withdrawn', 'revoked')),
  reason_code text not null,
  reason_version integer not null,
  customer_words text not null,
  competitor text,
  reviewed_at timestamptz,
  open_balance_minor bigint,
  balance_discussed boolean,
  explained_at timestamptz,
  explained_effective text check (explained_effective in ('period_end', 'immediate')),
  offers_at timestamptz,
  offers_outcome text check (offers_outcome in ('none', 'holdout', 'declined', 'retained')),
  offers_shown jsonb,
  accepted_offer_id text,
  processed_at timestamptz,
  processed_by text references staff_users(id),
  effective text check (effective in ('period_end', 'immediate')),
  effective_on date,
  last_billing_on date,
  refund_minor bigint check (refund_minor >= 0),
  currency text,
  refund_basis text,
  refund_payment_id text references payments(id),
  refund_ref text,
  refund_status text,
  policy_version integer references policy_versions(version),
  end_job_id text,
  confirmed_at timestamptz,
  confirmation_message_id text,
  closed_at timestamptz,
  idempotency_key text,
  request_fingerprint text,
  created_by text not null references staff_users(id),
  created_at timestamptz not null,
  updated_at timestamptz not null,
  foreign key (reason_code, reason_version) references cancellation_reason_versions(code, version)
);
create index cancellation_requests_case on cancellation_requests (case_id, created_at);
create index cancellation_requests_subscription on cancellation_requests (subscription_id, created_at);
create unique index cancellation_requests_idempotency_key on cancellation_requests (created_by, idempotency_key);
-- one request in progress or scheduled per subscription: a second agent cannot cancel it twice
create unique index cancellation_requests_one_open on cancellation_requests (subscription_id)
  where status in ('in_progress', 'scheduled');

create table cancellation_request_events (
  id bigserial primary key,
  request_id text not null references cancellation_requests(id),
  at timestamptz not null,
  actor_id text references staff_users(id),
  step text not null,
  status text not null,
  detail jsonb
);
create index cancellation_request_events_request on cancellation_request_events (request_id, id);
create trigger cancellation_request_events_append_only before update or delete on cancellation_request_events
  for each row execute function kulanz_refuse_change();
create trigger cancellation_request_events_no_truncate before truncate on cancellation_request_events
  for each statement execute function kulanz_refuse_change();

-- the daily renewal finds active subscriptions whose renewal date has come
create index subscriptions_renewal_due on subscriptions (next_renewal_on, id) where status = 'active';
`,
  );
}

export async function down(): Promise<void> {
  throw new Error('0018-cancellations is forward-only');
}
