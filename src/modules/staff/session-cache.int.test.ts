import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDesk, type TestApp, type TestClient } from '../../../test/harness';
import { buildApp } from '../../app';
import { loadConfig } from '../../config';
import { ManualClock } from '../../platform/clock';
import { recordingJobs } from '../../platform/jobs';
import type { Role } from '../../platform/roles';

// Sessions are remembered per instance for KULANZ_SESSION_CACHE_MS (5 s). Every request below
// comes right after one that put the session into the cache, so each test proves that the change
// it makes is seen at once on this instance, not only after the cache entry aged out.
let t: TestApp;
let admin: TestClient;
beforeAll(async () => {
  ({ t, admin } = await startDesk());
});
afterAll(async () => {
  await t?.close();
});

let n = 0;
async function newStaff(role: Role) {
  const email = `cache-${++n}-${Date.now()}@kulanz.test`;
  const password = 'kulanz-cache-1234';
  const created = await admin.post('/api/admin/staff', { email, displayName: `Cache ${n}`, role, password });
  expect(created.status).toBe(201);
  const client = await t.login({ email, password });
  // the session is now remembered
  expect((await client.get('/api/auth/session')).status).toBe(200);
  return { id: created.body.id as string, client, email, password };
}

describe('remembered sessions', () => {
  it('are forgotten at logout: the same cookie is refused on the next request', async () => {
    const { client } = await newStaff('agent');
    expect((await client.post('/api/auth/logout')).status).toBe(204);
    expect((await client.get('/api/auth/session')).status).toBe(401);
  });

  it('are forgotten when an admin deactivates the staff member', async () => {
    const { id, client } = await newStaff('agent');
    expect((await admin.patch(`/api/admin/staff/${id}`, { isActive: false })).status).toBe(200);
    expect((await client.get('/api/accounts/search?q=K1000001')).status).toBe(401);
  });

  it('are forgotten when the role changes, in both directions', async () => {
    const { id, client } = await newStaff('lead');
    expect((await client.get('/api/mailbox')).status).toBe(200);
    expect((await admin.patch(`/api/admin/staff/${id}`, { role: 'agent' })).status).toBe(200);
    expect((await client.get('/api/mailbox')).status).toBe(403);
    expect((await admin.patch(`/api/admin/staff/${id}`, { role: 'lead' })).status).toBe(200);
    expect((await client.get('/api/mailbox')).status).toBe(200);
  });

  it('carry the language the staff member just chose', async () => {
    const { client } = await newStaff('agent');
    expect((await client.patch('/api/auth/me', { locale: 'en' })).status).toBe(200);
    expect((await client.get('/api/auth/session')).body.user.locale).toBe('en');
  });

  it('end on another instance of kulanz within the cache time, and no later', async () => {
    const { email, password } = await newStaff('agent');
    // a second instance: its own app and database handle on the same database, hence its own cache
    const clock = new ManualClock(t.clock.now());
    const other = {
      app: await buildApp({
        db: t.db.withoutPlugins(),
        clock,
        config: { ...loadConfig({}), secret: t.secret },
        secret: t.secret,
        jobs: recordingJobs(),
        webDist: '/nonexistent',
      }),
    };
    try {
      const login = await other.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email, password },
      });
      const cookie = String(login.headers['set-cookie']).split(';')[0]!;
      const ask = () => other.app.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie } });
      expect((await ask()).statusCode).toBe(200);
      const id = login.json().user.id as string;
      expect((await admin.patch(`/api/admin/staff/${id}`, { isActive: false })).status).toBe(200);
      // the other instance still remembers the session for at most KULANZ_SESSION_CACHE_MS …
      expect((await ask()).statusCode).toBe(200);
      clock.advance(other.app.ctx.config.sessionCacheMs - 1_000);
      expect((await ask()).statusCode).toBe(200);
      // … and asks the database again once it has passed
      clock.advance(1_000);
      expect((await ask()).statusCode).toBe(401);
    } finally {
      await other.app.close();
    }
  });
});
