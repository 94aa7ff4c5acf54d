import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clearValuesIn, encodingsOf } from '../../test/clear-values';
import { emptyDatabase } from '../../test/empty-database';
import type { Database } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import { INSIGHT_TRIGGERS, insightEventsDrift } from '../db/migrations/0026-insight-events';
import { hashFactor, normalizeFactor } from '../modules/verification/factor-hash';
import { VERIFICATION_FACTORS } from '../modules/verification/verification-settings';
import { foldName, normalizePhone } from '../platform/normalize';
import { SUBSCRIPTION_STATES } from './generate-demo';
import {
  DEMO_LOGINS,
  demoAnswers,
  hasAccounts,
  isDatabaseEmpty,
  type SeedResult,
  seedDemoData,
} from './seed-demo';

const NOW = new Date('2026-11-02T09:00:00Z');
const SECRET = 'seed-test-secret-0123456789abcdef0123456789';
const ACCOUNTS = 300;

// A database of its own (not the shared test template, which is already seeded), so that the
// seed runs from empty exactly as `kulanz seed` and the first start do.
const freshDatabase = () => emptyDatabase('kulanz_seed');

describe('seeding the demo data into an empty database', () => {
  let database: Database;
  let drop: () => Promise<void>;
  let result: SeedResult;
  const count = async (table: string, where = 'true') =>
    Number(
      (
        await sql<{
          n: number;
        }>`select count(*)::int as n from ${sql.raw(table)} where ${sql.raw(where)}`.execute(database.db)
      ).rows[0]!.n,
    );

  beforeAll(async () => {
    ({ database, drop } = await freshDatabase());
    await migrateToLatest(database.db);
    expect(await isDatabaseEmpty(database.db)).toBe(true);
    expect(await hasAccounts(database.db)).toBe(false);
    result = await seedDemoData(database.db, {
      accounts: ACCOUNTS,
      now: NOW,
      secret: SECRET,
      batchSize: 120, // several batches, so batch boundaries are exercised
      parallel: database.kind === 'postgres' ? 2 : 1,
    });
  }, 60_000);
  afterAll(async () => {
    await drop?.();
  });

  it('loads the demo staff and a plausible number of rows per table', async () => {
    expect(result.accounts).toBe(ACCOUNTS);
    expect(await hasAccounts(database.db)).toBe(true);
    expect(await count('staff_users')).toBe(DEMO_LOGINS.length);
    expect(await count('accounts')).toBe(ACCOUNTS);
    expect(await count('plans')).toBe(6);
    expect(await count('products')).toBeGreaterThanOrEqual(6);
    const subscriptions = await count('subscriptions');
    expect(subscriptions).toBeGreaterThan(ACCOUNTS * 0.9);
    expect(subscriptions).toBeLessThan(ACCOUNTS * 1.4);
    expect(await count('orders')).toBeGreaterThan(ACCOUNTS * 0.4);
    expect(await count('invoices')).toBeGreaterThan(subscriptions);
    expect(await count('payments')).toBeGreaterThan(ACCOUNTS);
    const reps = await count('account_representatives');
    expect(reps).toBeGreaterThan(0);
    expect(await count('verification_secrets')).toBe(5 * (ACCOUNTS + reps));
    expect(await count('store_credit_entries')).toBeGreaterThan(0);
    const total = await sql<{ n: number }>`
      select (select count(*) from accounts) + (select count(*) from account_representatives)
        + (select count(*) from verification_secrets) + (select count(*) from subscriptions)
        + (select count(*) from orders) + (select count(*) from invoices) + (select count(*) from payments)
        + (select count(*) from store_credit_entries) + (select count(*) from cases) + (select count(*) from case_verifications)
        + (select count(*) from notes)
        + (select count(*) from commitments) + (select count(*) from audit_events where action <> 'demo.seeded') as n`.execute(
      database.db,
    );
    expect(Number(total.rows[0]!.n)).toBe(result.rows);
  });

  it('stores a valid E.164 number for every phone number, however it was written', async () => {
    const rows = await database.db
      .selectFrom('accounts')
      .select(['phone', 'phone_e164'])
      .where('phone', 'is not', null)
      .execute();
    expect(rows.length).toBeGreaterThan(ACCOUNTS * 0.9);
    for (const r of rows) {
      expect(r.phone_e164).toMatch(/^\+[1-9]\d{7,14}$/);
      expect(normalizePhone(r.phone!)).toBe(r.phone_e164);
    }
    expect(new Set(rows.map((r) => r.phone!.replace(/\d/g, '9'))).size).toBeGreaterThan(8);
  });

  it('has subscriptions in every state and accounts with outstanding and overdue balances', async () => {
    const states = await database.db.selectFrom('subscriptions').select('status').distinct().execute();
    expect(states.map((s) => s.status).sort()).toEqual([...SUBSCRIPTION_STATES].sort());
    const outstanding = await sql<{ account_id: string; due: number; overdue: number }>`
      select account_id, sum(amount_minor - paid_minor)::int as due,
             sum(case when due_on < ${'2026-11-02'}::date then amount_minor - paid_minor else 0 end)::int as overdue
      from invoices where status = 'open' group by account_id`.execute(database.db);
    expect(outstanding.rows.length).toBeGreaterThan(5);
    expect(outstanding.rows.every((r) => r.due > 0)).toBe(true);
    expect(outstanding.rows.some((r) => r.overdue > 0)).toBe(true);
    expect(await count('payments', 'refunded_minor > 0 and refunded_minor < amount_minor')).toBeGreaterThan(
      0,
    );
  });

  it('stores only keyed hashes, and the demo answers match them', async () => {
    const secrets = await database.db.selectFrom('verification_secrets').selectAll().execute();
    const accounts = await database.db.selectFrom('accounts').select(['id', 'account_number']).execute();
    const reps = await database.db
      .selectFrom('account_representatives')
      .select(['id', 'account_id', 'first_name', 'last_name'])
      .execute();
    const hashOf = new Map(secrets.map((s) => [`${s.subject_id}/${s.factor}`, s.secret_hash]));
    let checked = 0;
    for (const account of accounts) {
      const answers = demoAnswers(account.account_number)!;
      for (const factor of VERIFICATION_FACTORS) {
        const expected = hashFactor(
          SECRET,
          account.id,
          factor,
          normalizeFactor(factor, answers.answers[factor])!,
        );
        expect(hashOf.get(`${account.id}/${factor}`)).toBe(expected);
        checked++;
      }
      // a wrong answer does not match
      const wrong = hashFactor(
        SECRET,
        account.id,
        'id_last4',
        answers.answers.id_last4 === '0000' ? '0001' : '0000',
      );
      expect(hashOf.get(`${account.id}/id_last4`)).not.toBe(wrong);
      const accountReps = reps.filter((r) => r.account_id === account.id);
      expect(accountReps).toHaveLength(answers.representatives.length);
      for (const [i, rep] of accountReps.sort((a, b) => a.id.localeCompare(b.id)).entries()) {
        const clear = answers.representatives.find(
          (r) => r.fullName === `${rep.first_name} ${rep.last_name}`,
        );
        expect(clear, `representative ${i} of ${account.account_number}`).toBeDefined();
        const dob = normalizeFactor('date_of_birth', clear!.answers.date_of_birth)!;
        expect(hashOf.get(`${rep.id}/date_of_birth`)).toBe(hashFactor(SECRET, rep.id, 'date_of_birth', dob));
      }
    }
    expect(checked).toBe(ACCOUNTS * 5);
    expect(secrets.every((s) => /^[0-9a-f]{64}$/.test(s.secret_hash))).toBe(true);
    // no stored secret holds a clear answer, as typed or normalised, in any of its encodings (a
    // digest whose hex happens to contain the digits of one is not a finding)
    const rowsOf = (subjectId: string) => secrets.filter((s) => s.subject_id === subjectId);
    const formsOf = (answers: Record<string, string>) =>
      encodingsOf(
        ...Object.entries(answers).flatMap(([factor, value]) => [
          value,
          normalizeFactor(factor as (typeof VERIFICATION_FACTORS)[number], value) ?? value,
        ]),
      );
    let subjects = 0;
    for (const account of accounts) {
      const answers = demoAnswers(account.account_number)!;
      expect(clearValuesIn(rowsOf(account.id), formsOf(answers.answers)), account.account_number).toEqual([]);
      subjects++;
      for (const rep of reps.filter((r) => r.account_id === account.id)) {
        const clear = answers.representatives.find(
          (r) => r.fullName === `${rep.first_name} ${rep.last_name}`,
        )!;
        expect(clearValuesIn(rowsOf(rep.id), formsOf(clear.answers)), rep.id).toEqual([]);
        subjects++;
      }
    }
    expect(subjects).toBe(ACCOUNTS + reps.length);
  });

  it('records past contacts as closed cases with notes, numbered from the case sequence', async () => {
    const cases = await database.db.selectFrom('cases').select(['id', 'case_number', 'status']).execute();
    expect(cases.length).toBeGreaterThan(ACCOUNTS * 0.4);
    expect(cases.every((c) => /^C-\d+$/.test(c.case_number))).toBe(true);
    expect(new Set(cases.map((c) => c.case_number)).size).toBe(cases.length);
    const highest = Math.max(...cases.map((c) => Number(c.case_number.slice(2))));
    const next = await sql<{ n: number }>`select nextval('case_number_seq')::int as n`.execute(database.db);
    expect(next.rows[0]!.n).toBe(highest + 1);
    expect(await count('notes')).toBe(cases.length);
    expect(await count('notes', "contact_reason <> '' and actions_taken <> ''")).toBe(cases.length);
  });

  it('gives the demo agent open commitments, some overdue and some due soon, with audit events', async () => {
    const agent = await database.db
      .selectFrom('staff_users')
      .select('id')
      .where('email', '=', DEMO_LOGINS.find((l) => l.role === 'agent')!.email)
      .executeTakeFirstOrThrow();
    const open = await database.db
      .selectFrom('commitments')
      .select(['id', 'due_on'])
      .where('owner_id', '=', agent.id)
      .where('status', '=', 'open')
      .execute();
    expect(open.length).toBeGreaterThanOrEqual(5);
    expect(open.some((c) => c.due_on < '2026-11-02')).toBe(true);
    expect(open.some((c) => c.due_on >= '2026-11-02')).toBe(true);
    const audit = await database.db
      .selectFrom('audit_events')
      .select(['entity_id', 'actor_id', 'actor_role'])
      .where('action', '=', 'commitment.created')
      .execute();
    for (const c of open) {
      const event = audit.find((e) => e.entity_id === c.id);
      expect(event).toMatchObject({ actor_id: agent.id, actor_role: 'agent' });
    }
  });
});

describe('a large seed', () => {
  it('builds the secondary indexes after loading (history tables too) and ends with exactly the indexes the migrations made', async () => {
    const { database, drop } = await freshDatabase();
    try {
      await migrateToLatest(database.db);
      const indexes = async () =>
        (
          await sql<{
            d: string;
          }>`select indexdef as d from pg_indexes where schemaname = current_schema() order by 1`.execute(
            database.db,
          )
        ).rows.map((r) => r.d);
      const before = await indexes();
      expect(before.some((d) => d.includes('gin_trgm_ops'))).toBe(true);
      const logged: string[] = [];
      await seedDemoData(database.db, {
        accounts: 40,
        now: NOW,
        secret: SECRET,
        deferIndexes: true,
        // the history's tables have their indexes dropped for the load too
        history: true,
        log: (l) => logged.push(l),
      });
      expect(logged.some((l) => /building \d+ indexes/.test(l))).toBe(true);
      expect(await indexes()).toEqual(before);
      const found = await sql<{ n: string }>`
        select account_number as n from accounts where search_name % ${foldName(demoAnswers('K1000001')!.fullName)} limit 1`.execute(
        database.db,
      );
      expect(found.rows).toHaveLength(1);
      // the dashboard's triggers were off for the load: on again, and the events projected once
      const triggers = await sql<{ table: string; trigger: string; enabled: string }>`
        select c.relname as table, t.tgname as trigger, t.tgenabled as enabled
        from pg_trigger t join pg_class c on c.oid = t.tgrelid
        where t.tgname like 'insight_events_%' order by 1, 2`.execute(database.db);
      const names = (pairs: Array<readonly [string, string]>) => pairs.map(([a, b]) => `${a}.${b}`).sort();
      expect(names(triggers.rows.map((r) => [r.table, r.trigger] as const))).toEqual(
        names([...INSIGHT_TRIGGERS]),
      );
      expect(triggers.rows.every((r) => r.enabled === 'O')).toBe(true);
      const events = await sql<{ n: number }>`select count(*)::int as n from insight_events`.execute(
        database.db,
      );
      expect(events.rows[0]!.n).toBeGreaterThan(0);
      expect(await insightEventsDrift(database.db)).toEqual([]);
    } finally {
      await drop();
    }
  }, 60_000);
});
