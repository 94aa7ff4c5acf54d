import type { Kysely } from 'kysely';
import { runSqlScript } from '../sql-script';

// Verification owns its state. The lockout (failures in a row, locked until, flagged at) moves
// from accounts into verification_lockouts, one row per account that ever failed; who is verified
// on a case, with which scopes and until when, moves from cases into case_verifications, one row
// per case that was ever verified. Existing values are copied first, then the old columns go.
// The app role's rights on the new tables come from the owner's default privileges and
// grantAppRole (db/roles.ts), which bootstrap runs after every migration, as for earlier tables.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(
    db,
    `
create table verification_lockouts (
  account_id text primary key references accounts(id),
  failures integer not null default 0,
  locked_until timestamptz,
  flagged_at timestamptz
);

insert into verification_lockouts (account_id, failures, locked_until, flagged_at)
select id, verification_failures, verification_locked_until, verification_flagged_at from accounts
where verification_failures <> 0 or verification_locked_until is not null or verification_flagged_at is not null;

create table case_verifications (
  case_id text primary key references cases(id),
  account_id text not null references accounts(id),
  subject_type text not null check (subject_type in ('holder', 'representative', 'override')),
  representative_id text references account_representatives(id),
  can_cancel boolean not null default false,
  can_request_refunds boolean not null default false,
  verified_at timestamptz not null,
  expires_at timestamptz not null
);

insert into case_verifications
  (case_id, account_id, subject_type, representative_id, can_cancel, can_request_refunds, verified_at, expires_at)
select id, account_id, verified_subject_type, verified_representative_id, verified_can_cancel,
  verified_can_request_refunds, verified_at, verification_expires_at
from cases
where verified_at is not null and verification_expires_at is not null and verified_subject_type is not null;

alter table accounts drop column verification_failures;
alter table accounts drop column verification_locked_until;
alter table accounts drop column verification_flagged_at;
alter table cases drop column verified_at;
alter table cases drop column verification_expires_at;
alter table cases drop column verified_subject_type;
alter table cases drop column verified_representative_id;
alter table cases drop column verified_can_cancel;
alter table cases drop column verified_can_request_refunds;
`,
  );
}

export async function down(): Promise<void> {
  throw new Error('0013-verification-state is forward-only');
}
