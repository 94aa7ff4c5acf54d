import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { inject } from 'vitest';
import { buildApp } from '../src/app';
import { type AppConfig, loadConfig } from '../src/config';
import { type Database, openDatabase } from '../src/db/database';
import { DEMO_LOGINS } from '../src/demo/seed-demo';
import { SYSTEM_ACTOR } from '../src/platform/audit';
import { type Clock, ManualClock } from '../src/platform/clock';
import type { UseCaseDeps } from '../src/platform/deps';
import { type Jobs, openJobs } from '../src/platform/jobs';
import type { Role } from '../src/platform/roles';
import { TEST_SECRET } from './constants';

export interface TestResponse<T = any> {
  status: number;
  body: T;
  headers: Record<string, string | string[] | number | undefined>;
}

/** An HTTP client through the whole Fastify stack, carrying a session cookie and CSRF token. */
export interface TestClient {
  user: { id: string; email: string; role: Role };
  get<T = any>(url: string): Promise<TestResponse<T>>;
  post<T = any>(url: string, body?: unknown, headers?: Record<string, string>): Promise<TestResponse<T>>;
  patch<T = any>(url: string, body?: unknown): Promise<TestResponse<T>>;
  put<T = any>(url: string, body?: unknown): Promise<TestResponse<T>>;
  delete<T = any>(url: string): Promise<TestResponse<T>>;
}

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  db: Database['db'];
  clock: ManualClock;
  secret: string;
  /** The job queue on this test's database; nothing works its jobs unless a test says so. */
  jobs: Jobs;
  /** Logs in a demo user of that role, or any user by e-mail and password. */
  login(who: Role | { email: string; password: string }): Promise<TestClient>;
  /** A client without a session. */
  anonymous(): TestClient;
  /** What a use case receives when the server runs it for a job (the system acts). */
  systemDeps(): UseCaseDeps;
  close(): Promise<void>;
}

async function openTestDatabase(): Promise<{ database: Database; drop: () => Promise<void> }> {
  const kind = process.env.KULANZ_TEST_DB ?? 'pglite';
  if (kind === 'postgres') {
    const url = process.env.TEST_DATABASE_URL!;
    const name = `kulanz_t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
    const admin = await openDatabase({ databaseUrl: url, poolSize: 1 });
    await sql.raw(`create database ${name} template ${inject('postgresTemplate')}`).execute(admin.db);
    const u = new URL(url);
    u.pathname = `/${name}`;
    const database = await openDatabase({ databaseUrl: u.toString(), poolSize: 5 });
    return {
      database,
      drop: async () => {
        await database.close();
        await sql.raw(`drop database if exists ${name}`).execute(admin.db);
        await admin.close();
      },
    };
  }
  const dump = readFileSync(inject('pgliteTemplate'));
  const database = await openDatabase({ loadDataDir: new Blob([dump]) });
  return { database, drop: () => database.close() };
}

/**
 * Starts the whole app on a private copy of the prepared test database. The clock is a
 * ManualClock set to now unless a start is given.
 */
export async function startTestApp(
  options: { now?: Date | string; webDist?: string; config?: Partial<AppConfig> } = {},
): Promise<TestApp> {
  const { database, drop } = await openTestDatabase();
  const clock = new ManualClock(options.now ?? new Date());
  const config = { ...loadConfig({}), secret: TEST_SECRET, ...options.config };
  const jobs = await openJobs(database);
  const app = await buildApp({
    db: database.db,
    clock: clock as Clock,
    config,
    secret: TEST_SECRET,
    jobs,
    webDist: options.webDist ?? '/nonexistent',
  });
  await app.ready();

  const client = (cookie?: string, csrf?: string, user?: TestClient['user']): TestClient => {
    const call = async (
      method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
      url: string,
      body?: unknown,
      extra?: Record<string, string>,
    ) => {
      const headers: Record<string, string> = {
        ...(cookie ? { cookie } : {}),
        ...(csrf ? { 'x-csrf-token': csrf } : {}),
        ...extra,
      };
      const res = await app.inject({
        method,
        url,
        headers,
        ...(body === undefined ? {} : { payload: body as object }),
      });
      const type = String(res.headers['content-type'] ?? '');
      return {
        status: res.statusCode,
        body: type.includes('json') ? res.json() : res.body,
        headers: res.headers,
      } as TestResponse;
    };
    return {
      user: user ?? { id: '', email: '', role: 'agent' },
      get: (url) => call('GET', url),
      post: (url, body, headers) => call('POST', url, body ?? {}, headers),
      patch: (url, body) => call('PATCH', url, body ?? {}),
      put: (url, body) => call('PUT', url, body ?? {}),
      delete: (url) => call('DELETE', url),
    };
  };

  return {
    app,
    database,
    db: database.db,
    clock,
    secret: TEST_SECRET,
    jobs,
    anonymous: () => client(),
    systemDeps: () => ({
      db: database.db,
      clock,
      secret: TEST_SECRET,
      config: { timeZone: config.timeZone, publicUrl: undefined },
      jobs,
      actor: SYSTEM_ACTOR,
    }),
    async login(who) {
      const creds =
        typeof who === 'string'
          ? DEMO_LOGINS.find((l) => l.role === who)!
          : { email: who.email, password: who.password };
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: creds });
      if (res.statusCode !== 200)
        throw new Error(`login as ${creds.email} failed: ${res.statusCode} ${res.body}`);
      const setCookie = String(res.headers['set-cookie']).split(';')[0]!;
      const body = res.json();
      return client(setCookie, body.csrfToken, {
        id: body.user.id,
        email: body.user.email,
        role: body.user.role,
      });
    },
    async close() {
      await app.close();
      await jobs.stop();
      await drop();
    },
  };
}

/** The app with a logged-in demo client per staff role, as most integration test files start. */
export interface Desk {
  t: TestApp;
  agent: TestClient;
  lead: TestClient;
  admin: TestClient;
}

/** Starts a test app (see startTestApp) and logs in the demo agent, lead and admin. */
export async function startDesk(options: Parameters<typeof startTestApp>[0] = {}): Promise<Desk> {
  const t = await startTestApp(options);
  const [agent, lead, admin] = await Promise.all([t.login('agent'), t.login('lead'), t.login('admin')]);
  return { t, agent, lead, admin };
}
