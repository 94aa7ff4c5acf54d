import { sql } from 'kysely';
import { type Migration, Migrator } from 'kysely/migration';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../database';
import { migrateToLatest, migrations } from '../migrate';

// A database as 0012 left it, with verification state in the accounts' and cases' columns: 0013
// must carry every value over into verification's tables before it drops the columns.

const BEFORE_0013: Record<string, Migration> = Object.fromEntries(
  Object.entries(migrations).filter(([name]) => name < '0013'),
);

let database: Database;
// the schema before 0013 is not the DB type any more
let db: any;

beforeAll(async () => {
  database = await openDatabase({});
  db = database.db;
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => BEFORE_0013 },
    migrationTableName: 'kulanz_migration',
    migrationLockTableName: 'kulanz_migration_lock',
    allowUnorderedMigrations: true,
  });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error;
  const at = '2026-05-04T09:00:00Z';
  const account = (id: string, n: string) =>
    sql`insert into accounts (id, account_number, status, first_name, last_name, search_name, language,
      acquisition_channel, signup_at, created_at, updated_at, verification_failures, verification_locked_until,
      verification_flagged_at)
      values (${id}, ${n}, 'active', 'Erika', 'Mustermann', 'erika mustermann', 'de', 'web', ${at}, ${at}, ${at},
      ${id === 'acc_locked' ? 0 : id === 'acc_failed' ? 2 : 0},
      ${id === 'acc_locked' ? '2026-05-04T09:15:00Z' : null},
      ${id === 'acc_locked' ? '2026-05-04T09:00:00Z' : null})`.execute(db);
  await account('acc_locked', 'K1');
  await account('acc_failed', 'K2');
  await account('acc_plain', 'K3');
  await sql`insert into account_representatives (id, account_id, first_name, last_name, search_name, relationship,
    can_cancel, can_request_refunds, created_at)
    values ('rep_1', 'acc_plain', 'Paula', 'Vollmacht', 'paula vollmacht', 'daughter', false, true, ${at})`.execute(
    db,
  );
  const kase = (id: string, n: string, verified: string) =>
    sql
      .raw(`insert into cases (id, case_number, account_id, type, channel, mood, status, opened_at, updated_at,
      verified_at, verification_expires_at, verified_subject_type, verified_representative_id, verified_can_cancel,
      verified_can_request_refunds)
      values ('${id}', '${n}', 'acc_plain', 'inquiry', 'phone', 'calm', 'open', '${at}', '${at}', ${verified})`)
      .execute(db);
  await kase(
    'case_holder',
    'C-1',
    `'2026-05-04T09:01:00Z', '2026-05-04T09:31:00Z', 'holder', null, true, true`,
  );
  await kase(
    'case_rep',
    'C-2',
    `'2026-05-04T09:02:00Z', '2026-05-04T09:32:00Z', 'representative', 'rep_1', false, true`,
  );
  await kase('case_none', 'C-3', 'null, null, null, null, false, false');
  // 0013 and whatever came after it
  expect((await migrateToLatest(db))[0]).toBe('0013-verification-state');
});
afterAll(() => database.close());

describe('0013-verification-state', () => {
  it('copies every lockout into verification_lockouts, and only accounts that have one', async () => {
    const rows = await db.selectFrom('verification_lockouts').selectAll().orderBy('account_id').execute();
    expect(rows).toEqual([
      { account_id: 'acc_failed', failures: 2, locked_until: null, flagged_at: null },
      {
        account_id: 'acc_locked',
        failures: 0,
        locked_until: new Date('2026-05-04T09:15:00Z'),
        flagged_at: new Date('2026-05-04T09:00:00Z'),
      },
    ]);
  });

  it('copies who was verified on each case, with the scopes and the expiry, into case_verifications', async () => {
    const rows = await db.selectFrom('case_verifications').selectAll().orderBy('case_id').execute();
    expect(rows).toEqual([
      {
        case_id: 'case_holder',
        account_id: 'acc_plain',
        subject_type: 'holder',
        representative_id: null,
        can_cancel: true,
        can_request_refunds: true,
        verified_at: new Date('2026-05-04T09:01:00Z'),
        expires_at: new Date('2026-05-04T09:31:00Z'),
      },
      {
        case_id: 'case_rep',
        account_id: 'acc_plain',
        subject_type: 'representative',
        representative_id: 'rep_1',
        can_cancel: false,
        can_request_refunds: true,
        verified_at: new Date('2026-05-04T09:02:00Z'),
        expires_at: new Date('2026-05-04T09:32:00Z'),
      },
    ]);
  });

  it('drops the old columns from accounts and cases', async () => {
    const { rows } = await sql<{ table_name: string; column_name: string }>`
      select table_name, column_name from information_schema.columns
      where table_name in ('accounts', 'cases')
        and (column_name like 'verification%' or column_name like 'verified%')`.execute(db);
    expect(rows).toEqual([]);
  });
});
