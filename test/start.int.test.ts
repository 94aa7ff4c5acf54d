import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The README's first command in miniature: the real CLI process, a fresh data folder (or a fresh
// PostgreSQL database in the PostgreSQL run), start, log in, stop, start again: data kept.
const ROOT = join(import.meta.dirname, '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const onPostgres = process.env.KULANZ_TEST_DB === 'postgres';

let dataDir: string;
let databaseUrl: string | undefined;
let dropDatabase: (() => void) | undefined;

function startCli(): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(TSX, ['src/cli.ts', 'start', '--demo-accounts', '40'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: '0',
      KULANZ_DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl ?? '',
      LOG_LEVEL: 'warn',
    },
  });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL printed within 60 s:\n${out}`)), 60_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /kulanz is running at (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1]!, output: () => out });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (c: Buffer) => {
      out += c.toString();
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`kulanz exited with ${code}:\n${out}`));
    });
  });
}

async function stop(child: ChildProcess): Promise<void> {
  child.removeAllListeners('exit');
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

async function login(url: string, email: string, password: string) {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  return {
    status: res.status,
    cookie: res.headers.get('set-cookie')?.split(';')[0] ?? '',
    body: await res.json(),
  };
}

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'kulanz-start-'));
  if (onPostgres) {
    const name = `kulanz_start_${process.pid}`;
    const base = process.env.TEST_DATABASE_URL!;
    spawnSync('psql', [base, '-c', `drop database if exists ${name}`, '-c', `create database ${name}`], {
      encoding: 'utf8',
    });
    const u = new URL(base);
    u.pathname = `/${name}`;
    databaseUrl = u.toString();
    dropDatabase = () => spawnSync('psql', [base, '-c', `drop database if exists ${name} with (force)`]);
  }
});

afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
  dropDatabase?.();
});

describe('kulanz start', () => {
  it('lists start, migrate, seed and user management in --help', () => {
    const res = spawnSync(TSX, ['src/cli.ts', '--help'], { cwd: ROOT, encoding: 'utf8' });
    expect(res.status).toBe(0);
    for (const word of ['start', 'migrate', 'seed', 'users create', 'users deactivate'])
      expect(res.stdout).toContain(word);
  });

  it('migrates, loads demo data, prints the URL and the demo logins, and keeps data across a restart', async () => {
    const first = await startCli();
    expect(first.output()).toMatch(/agent\s+agent@kulanz\.test\s+kulanz-agent-1/);
    expect(first.output()).toMatch(/lead\s+lead@kulanz\.test/);
    expect(first.output()).toMatch(/admin\s+admin@kulanz\.test/);
    expect(first.output()).toContain(onPostgres ? 'PostgreSQL' : `embedded PGlite in ${dataDir}`);

    const admin = await login(first.url, 'admin@kulanz.test', 'kulanz-admin-1');
    expect(admin.status).toBe(200);
    const created = await fetch(`${first.url}/api/admin/staff`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        cookie: admin.cookie,
        'x-csrf-token': admin.body.csrfToken,
      },
      body: JSON.stringify({
        email: 'kept@kulanz.test',
        displayName: 'Kept',
        role: 'agent',
        password: 'kept-across-restarts',
      }),
    });
    expect(created.status).toBe(201);
    await stop(first.child);

    const second = await startCli();
    expect(second.output()).not.toContain('Loaded demo data');
    expect((await login(second.url, 'kept@kulanz.test', 'kept-across-restarts')).status).toBe(200);
    await stop(second.child);
  }, 150_000);
});
