import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config';
import { type Database, openDatabase } from '../src/db/database';
import { migrateToLatest } from '../src/db/migrate';
import { createStaffUser } from '../src/modules/staff';
import { logIn } from '../src/modules/staff/use-cases/log-in';
import { systemClock } from '../src/platform/clock';
import type { UseCaseDeps } from '../src/platform/deps';
import { recordingJobs } from '../src/platform/jobs';
import { TEST_SECRET } from './constants';

// `kulanz users unlock --email`: the way back in for an admin locked out of the web UI, from the
// command line on the server, audited like the button.
const ROOT = join(import.meta.dirname, '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const onPostgres = process.env.KULANZ_TEST_DB === 'postgres';
const EMAIL = 'locked.out@kulanz.test';

let dataDir: string;
let databaseUrl: string | undefined;
let dropDatabase: (() => void) | undefined;

const open = (): Promise<Database> => openDatabase(databaseUrl ? { databaseUrl, poolSize: 2 } : { dataDir });

function cli(...args: string[]) {
  return spawnSync(TSX, ['src/cli.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: {
      ...process.env,
      KULANZ_DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl ?? '',
      KULANZ_SECRET: TEST_SECRET,
    },
  });
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'kulanz-cli-users-'));
  if (onPostgres) {
    const name = `kulanz_cli_users_${process.pid}`;
    const base = process.env.TEST_DATABASE_URL!;
    spawnSync('psql', [base, '-c', `drop database if exists ${name}`, '-c', `create database ${name}`]);
    const u = new URL(base);
    u.pathname = `/${name}`;
    databaseUrl = u.toString();
    dropDatabase = () => spawnSync('psql', [base, '-c', `drop database if exists ${name}`]);
  }
  // an admin who mistyped their password five times from their desk
  const database = await open();
  try {
    await migrateToLatest(database.db);
    const deps: UseCaseDeps = {
      db: database.db,
      clock: systemClock,
      actor: { id: null, role: 'customer', ip: '192.0.2.1' },
      secret: TEST_SECRET,
      config: loadConfig({}),
      jobs: recordingJobs(),
    };
    await createStaffUser(deps, {
      email: EMAIL,
      displayName: 'Locked Out',
      role: 'admin',
      password: 'the-right-password',
      locale: 'de',
    });
    const attempt = (password: string) =>
      logIn(deps, { email: EMAIL, password, ip: '192.0.2.1', userAgent: null }).then(
        () => 'ok',
        (e: { code?: string }) => e.code,
      );
    for (let i = 0; i < 5; i++) expect(await attempt(`mistyped-${i}`)).toBe('LOGIN_FAILED');
    expect(await attempt('the-right-password')).toBe('LOGIN_THROTTLED');
  } finally {
    await database.close();
  }
}, 60_000);

afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
  dropDatabase?.();
});

describe('kulanz users unlock', () => {
  it('shows the block in users list, lifts it by e-mail and audits it as the command line', async () => {
    const listed = cli('users', 'list');
    expect(listed.status, listed.stderr).toBe(0);
    expect(listed.stdout).toMatch(new RegExp(`${EMAIL.replace('.', '\\.')}.*login blocked`));

    const unlocked = cli('users', 'unlock', '--email', 'Locked.Out@kulanz.test');
    expect(unlocked.status, unlocked.stderr).toBe(0);
    expect(unlocked.stdout).toContain(`login unlocked for ${EMAIL}`);

    const database = await open();
    try {
      const counting = await sql<{ n: number }>`
        select count(*)::int as n from login_attempts
        where email = ${EMAIL} and not succeeded and cleared_at is null`.execute(database.db);
      expect(counting.rows[0]!.n).toBe(0);
      const events = await database.db
        .selectFrom('audit_events')
        .select(['actor_id', 'actor_role', 'request_id', 'changes'])
        .where('action', '=', 'staff.login_unlocked')
        .execute();
      expect(events).toEqual([
        {
          actor_id: null,
          actor_role: 'system',
          request_id: 'cli',
          changes: { email: EMAIL, clearedFailures: 5 },
        },
      ]);
    } finally {
      await database.close();
    }
    expect(cli('users', 'list').stdout).not.toContain('login blocked');
  }, 60_000);

  it('refuses an unknown e-mail, naming it', () => {
    const res = cli('users', 'unlock', '--email', 'nobody@kulanz.test');
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('no staff user with e-mail nobody@kulanz.test');
  }, 30_000);
});
