import type { FastifyInstance } from 'fastify';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_SECRET } from '../../test/constants';
import { buildApp } from '../app';
import { openRuntime, type Runtime, withOwnerDatabase } from '../bootstrap';
import { loadConfig } from '../config';
import { DEMO_LOGINS, seedDemoData } from '../demo/seed-demo';
import { type Jobs, openJobs } from '../platform/jobs';
import { type Database, openDatabase } from './database';
import { appendOnlyTables } from './roles';

// The app connects as an ordinary role; the owner role runs the migrations and grants it rows,
// never the tables. What this holds: the app's own connection cannot switch off, drop or get
// around the append-only triggers, and the whole app still works under it.
const onPostgres = process.env.KULANZ_TEST_DB === 'postgres';
if (!onPostgres)
  console.log(
    'roles.int.test: NOT RUN on PGlite — PGlite has one built-in superuser and no separate roles; ' +
      'this file runs in the PostgreSQL project (TEST_DATABASE_URL)',
  );

const tag = `${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
const OWNER = `kulanz_owner_${tag}`;
const APP = `kulanz_app_${tag}`;
const DB_NAME = `kulanz_roles_${tag}`;

function urlAs(role: string | null, database: string): string {
  const u = new URL(process.env.TEST_DATABASE_URL!);
  if (role) u.username = role;
  u.pathname = `/${database}`;
  return u.toString();
}

describe.runIf(onPostgres)('the app role on PostgreSQL', () => {
  let superuser: Database;
  let runtime: Runtime;
  let jobs: Jobs;
  let app: FastifyInstance;
  let appDb: Kysely<unknown>;

  beforeAll(async () => {
    superuser = await openDatabase({ databaseUrl: process.env.TEST_DATABASE_URL, poolSize: 1 });
    await sql.raw(`create role ${OWNER} login`).execute(superuser.db);
    await sql.raw(`create role ${APP} login`).execute(superuser.db);
    await sql.raw(`create database ${DB_NAME} owner ${OWNER}`).execute(superuser.db);
    const config = {
      ...loadConfig({ NODE_ENV: 'production' }),
      databaseUrl: urlAs(APP, DB_NAME),
      databaseMigrationUrl: urlAs(OWNER, DB_NAME),
      secret: TEST_SECRET,
    };
    runtime = await openRuntime(config);
    await withOwnerDatabase(runtime, (owner) =>
      seedDemoData(owner.db, { accounts: 20, secret: TEST_SECRET }),
    );
    jobs = await openJobs(runtime.database, { migrate: false });
    app = await buildApp({ ...runtime, jobs, webDist: '/nonexistent' });
    await app.ready();
    appDb = runtime.db as unknown as Kysely<unknown>;
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await jobs?.stop();
    await runtime?.database.close();
    await sql.raw(`drop database if exists ${DB_NAME}`).execute(superuser.db);
    await sql.raw(`drop role if exists ${APP}`).execute(superuser.db);
    await sql.raw(`drop role if exists ${OWNER}`).execute(superuser.db);
    await superuser?.close();
  });

  it('migrates as the owner and connects as the app role, with no warning to give', () => {
    expect(runtime.roles).toEqual({
      app: { name: APP, isSuperuser: false, ownsAppendOnly: [] },
      owner: OWNER,
    });
    expect(runtime.migrated.length).toBeGreaterThan(0);
    expect(runtime.warnings).toEqual([]);
  });

  it('warns in production when only the owner URL is given: the owner could drop the triggers', async () => {
    const asOwner = await openRuntime({
      ...loadConfig({ NODE_ENV: 'production' }),
      databaseUrl: urlAs(OWNER, DB_NAME),
      secret: TEST_SECRET,
    });
    await asOwner.database.close();
    expect(asOwner.roles?.app).toMatchObject({ name: OWNER, isSuperuser: false });
    expect(asOwner.roles?.app.ownsAppendOnly).toEqual(expect.arrayContaining(['audit_events', 'notes']));
    expect(asOwner.warnings[0]).toMatch(
      /owns .*audit_events.*can disable or drop their append-only triggers/,
    );
  });

  it('refuses to migrate a fresh database as the app role alone, saying where the owner goes', async () => {
    const empty = `${DB_NAME}_empty`;
    await sql.raw(`create database ${empty} owner ${OWNER}`).execute(superuser.db);
    try {
      await expect(
        openRuntime({ ...loadConfig({}), databaseUrl: urlAs(APP, empty), secret: TEST_SECRET }),
      ).rejects.toThrow(/permission denied[\s\S]*set DATABASE_MIGRATION_URL to the owner role/);
    } finally {
      await sql.raw(`drop database if exists ${empty}`).execute(superuser.db);
    }
  });

  it('runs the desk under the app role: log in, find an account, open a case, write a note, send a message', async () => {
    const call = async (method: 'GET' | 'POST', url: string, cookie: string, csrf: string, body?: object) => {
      const res = await app.inject({
        method,
        url,
        headers: { cookie, 'x-csrf-token': csrf },
        ...(body ? { payload: body } : {}),
      });
      return { status: res.statusCode, body: res.json() };
    };
    const agent = DEMO_LOGINS.find((l) => l.role === 'agent')!;
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: agent.email, password: agent.password },
    });
    expect(login.statusCode).toBe(200);
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    const csrf = login.json().csrfToken;
    const found = await call('GET', '/api/accounts/search?q=K1000001', cookie, csrf);
    expect(found.status).toBe(200);
    const accountId = found.body.items[0].id;
    const kase = await call('POST', '/api/cases', cookie, csrf, {
      accountId,
      type: 'inquiry',
      channel: 'phone',
    });
    expect(kase.status).toBe(201);
    const note = await call('POST', '/api/notes', cookie, csrf, {
      accountId,
      caseId: kase.body.id,
      contactReason: 'Frage zur Rechnung',
      actionsTaken: 'Rechnung erklärt',
      body: 'Unter der App-Rolle geschrieben.',
    });
    expect(note.status).toBe(201);
    const message = await call('POST', `/api/cases/${kase.body.id}/messages`, cookie, csrf, {
      body: 'Guten Tag, wie besprochen.',
    });
    expect(message.status).toBe(201);
    const audit = await sql<{ action: string }>`
      select action from audit_events where case_id = ${kase.body.id} order by id`.execute(appDb);
    expect(audit.rows.map((r) => r.action)).toEqual(
      expect.arrayContaining(['case.opened', 'note.written', 'message.queued']),
    );
  });

  it('finds the append-only tables it guards: at least the audit log and the notes', async () => {
    expect(await appendOnlyTables(appDb)).toEqual(expect.arrayContaining(['audit_events', 'notes']));
  });

  it('cannot SET session_replication_role, which a superuser could (and so silence every trigger)', async () => {
    await expect(sql`set session_replication_role = replica`.execute(appDb)).rejects.toThrow(
      /permission denied to set parameter "session_replication_role"/,
    );
    // the threat is real for a superuser connection: there it is allowed
    await superuser.db.transaction().execute(async (trx) => {
      await sql`set local session_replication_role = replica`.execute(trx);
      const { rows } = await sql<{
        v: string;
      }>`select current_setting('session_replication_role') as v`.execute(trx);
      expect(rows[0]!.v).toBe('replica');
    });
  });

  it('cannot disable, drop or bypass the triggers, nor UPDATE, DELETE or TRUNCATE any append-only table', async () => {
    const tables = await appendOnlyTables(appDb);
    for (const table of tables) {
      const t = sql.id(table);
      const { rows: triggers } = await sql<{ name: string }>`
        select tgname as name from pg_trigger where tgrelid = ${table}::regclass and not tgisinternal`.execute(
        appDb,
      );
      expect(triggers.length, table).toBeGreaterThan(0);
      await expect(sql`alter table ${t} disable trigger all`.execute(appDb), table).rejects.toThrow(
        /must be owner/,
      );
      for (const trigger of triggers)
        await expect(sql`drop trigger ${sql.id(trigger.name)} on ${t}`.execute(appDb), table).rejects.toThrow(
          /must be owner/,
        );
      await expect(sql`alter table ${t} owner to ${sql.id(APP)}`.execute(appDb), table).rejects.toThrow(
        /must be owner/,
      );
      // any column will do: the privilege is refused before a row is looked at
      const { rows: columns } = await sql<{ name: string }>`
        select column_name as name from information_schema.columns
        where table_schema = current_schema() and table_name = ${table} order by ordinal_position limit 1`.execute(
        appDb,
      );
      const column = sql.id(columns[0]!.name);
      await expect(sql`update ${t} set ${column} = ${column}`.execute(appDb), table).rejects.toThrow(
        /permission denied/,
      );
      await expect(sql`delete from ${t}`.execute(appDb), table).rejects.toThrow(/permission denied/);
      await expect(sql`truncate ${t}`.execute(appDb), table).rejects.toThrow(/permission denied/);
    }
    await expect(sql.raw(`set role ${OWNER}`).execute(appDb)).rejects.toThrow(
      /permission denied to set role/,
    );
    await expect(sql`delete from kulanz_migration`.execute(appDb)).rejects.toThrow(/permission denied/);
    // rows are still there, and the app may still add them
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from audit_events`.execute(appDb);
    expect(rows[0]!.n).toBeGreaterThan(0);
  });

  it('keeps the grants for the job queue: the app role sends and reads jobs in pg-boss’s schema', async () => {
    const id = await runtime.db
      .transaction()
      .execute((trx) =>
        jobs.send(
          trx,
          'case.follow-up',
          { surveyId: 'srv_role_probe' },
          { startAfter: new Date(Date.now() + 3_600_000) },
        ),
      );
    expect(await jobs.state('case.follow-up', id)).toBe('created');
    await expect(sql.raw('drop table pgboss.job').execute(appDb)).rejects.toThrow(/must be owner/);
  });
});

describe.runIf(onPostgres)('one superuser URL in production', () => {
  it('starts, and warns that the app could switch off its own audit log', async () => {
    const superuser = await openDatabase({ databaseUrl: process.env.TEST_DATABASE_URL, poolSize: 1 });
    const name = `kulanz_single_${tag}`;
    await sql.raw(`create database ${name}`).execute(superuser.db);
    try {
      const runtime = await openRuntime({
        ...loadConfig({ NODE_ENV: 'production' }),
        databaseUrl: urlAs(null, name),
        secret: TEST_SECRET,
      });
      await runtime.database.close();
      expect(runtime.roles?.app.isSuperuser).toBe(true);
      expect(runtime.warnings).toHaveLength(1);
      expect(runtime.warnings[0]).toMatch(/superuser .*session_replication_role.*DATABASE_MIGRATION_URL/);
      const dev = await openRuntime({
        ...loadConfig({}),
        databaseUrl: urlAs(null, name),
        secret: TEST_SECRET,
      });
      await dev.database.close();
      expect(dev.warnings).toEqual([]);
    } finally {
      await sql.raw(`drop database if exists ${name}`).execute(superuser.db);
      await superuser.close();
    }
  }, 60_000);
});
