import type { Kysely } from 'kysely';
import { runSqlScript } from '../sql-script';

// Failed logins are throttled per e-mail *and* source (the address, or an IPv6 /64), plus a
// generous cap per source across e-mails, so that a guesser is stopped without locking the real
// user out from their own address. An admin can clear an e-mail's failures (cleared_at), which
// keeps them in the table as a record. The partial indexes hold only what the counts read.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(
    db,
    `
alter table login_attempts add column source text;
update login_attempts set source = coalesce(ip, '');
alter table login_attempts alter column source set not null;
alter table login_attempts add column cleared_at timestamptz;
create index login_attempts_failed_source on login_attempts(source, at)
  where not succeeded and cleared_at is null;
create index login_attempts_failed_email on login_attempts(email, source, at)
  where not succeeded and cleared_at is null;
`,
  );
}

export async function down(): Promise<void> {
  throw new Error('0011-login-throttle is forward-only');
}
