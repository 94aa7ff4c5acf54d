import { Writable } from 'node:stream';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../src/app';
import { loadConfig } from '../src/config';
import { recordingJobs } from '../src/platform/jobs';
import { createLogger } from '../src/platform/logger';
import { createAccount } from './factories';
import { startTestApp, type TestApp } from './harness';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

it('logs one line per request with path, route, status and time, and never the search the agent typed', async () => {
  await createAccount(t, { firstName: 'Lotte', lastName: 'Logfrei', phone: '+49 30 5550199' });
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  const app = await buildApp({
    db: t.db,
    clock: t.clock,
    config: { ...loadConfig({ NODE_ENV: 'production' }), secret: t.secret },
    secret: t.secret,
    jobs: recordingJobs(),
    webDist: '/nonexistent',
    logger: createLogger({ level: 'info', format: 'json' }, sink),
  });
  try {
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'agent@kulanz.test', password: 'kulanz-agent-1' },
    });
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    lines.length = 0;
    const search = await app.inject({
      method: 'GET',
      url: `/api/accounts/search?q=${encodeURIComponent('030 5550199')}`,
      headers: { cookie },
    });
    expect(search.statusCode).toBe(200);
    expect(search.json().items[0].lastName).toBe('Logfrei');
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0]!);
    expect(line).toMatchObject({
      msg: 'request',
      method: 'GET',
      path: '/api/accounts/search',
      route: '/api/accounts/search',
      status: 200,
      staff: login.json().user.id,
    });
    expect(typeof line.ms).toBe('number');
    expect(lines[0]).not.toMatch(/5550199|555%20?0199|Logfrei/);
  } finally {
    await app.close();
  }
});
