import type { Kysely } from 'kysely';
import { runSqlScript } from '../sql-script';

// Retention offers [S0 step 5]: the offers admins define (kind, terms, eligibility, order, limit),
// what happened to each on a case (shown / accepted / declined, append-only, with the terms as
// shown and whether the case was in the holdout group), the save watchlist (a save counts only
// when the customer is still subscribed 30 days later, a pause when it is resumed), the holdout
// setting, and the subscription columns billing needs for a discount that runs for N renewals.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(
    db,
    `
create table retention_offers (
  id text primary key,
  kind text not null check (kind in ('pause', 'downgrade', 'discount', 'extension', 'custom')),
  title_de text not null,
  title_en text not null,
  terms jsonb not null,
  eligibility jsonb not null,
  max_redemptions integer check (max_redemptions > 0),
  redemptions integer not null default 0 check (redemptions >= 0),
  is_active boolean not null default true,
  position integer not null,
  created_by text references staff_users(id),
  created_at timestamptz not null,
  updated_at timestamptz not null,
  check (max_redemptions is null or redemptions <= max_redemptions)
);
create index retention_offers_order on retention_offers (position, id);

create table offer_events (
  id bigserial primary key,
  case_id text not null references cases(id),
  account_id text not null references accounts(id),
  subscription_id text references subscriptions(id),
  offer_id text references retention_offers(id),
  event text not null check (event in ('shown', 'accepted', 'declined', 'holdout')),
  terms jsonb not null,
  holdout boolean not null,
  actor_id text references staff_users(id),
  at timestamptz not null
);
create index offer_events_case on offer_events (case_id, id);
create index offer_events_account on offer_events (account_id, event, at);
create index offer_events_offer on offer_events (offer_id, event);
-- one acceptance per case and one decline per case, whatever races
create unique index offer_events_one_answer on offer_events (case_id) where event in ('accepted', 'declined');
create trigger offer_events_append_only before update or delete on offer_events
  for each row execute function kulanz_refuse_change();
create trigger offer_events_no_truncate before truncate on offer_events
  for each statement execute function kulanz_refuse_change();

create table offer_save_watches (
  id text primary key,
  case_id text not null references cases(id),
  account_id text not null references accounts(id),
  subscription_id text not null references subscriptions(id),
  offer_id text references retention_offers(id),
  kind text,
  holdout boolean not null,
  status text not null check (status in ('pending', 'confirmed', 'lost')),
  check_at timestamptz not null,
  created_at timestamptz not null,
  decided_at timestamptz,
  unique (case_id)
);
create index offer_save_watches_offer on offer_save_watches (offer_id, status);
create index offer_save_watches_due on offer_save_watches (check_at) where status = 'pending';

create table offer_settings (
  id boolean primary key default true check (id),
  holdout_percent integer not null default 0 check (holdout_percent between 0 and 100),
  salt text not null,
  updated_by text references staff_users(id),
  updated_at timestamptz not null
);
insert into offer_settings (id, holdout_percent, salt, updated_at) values (true, 0, 'offers-2026', now());

alter table subscriptions add column discount_percent integer check (discount_percent between 1 and 100);
alter table subscriptions add column discount_cycles_left integer check (discount_cycles_left >= 0);
`,
  );
}

export async function down(): Promise<void> {
  throw new Error('0019-retention-offers is forward-only');
}
