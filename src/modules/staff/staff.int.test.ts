import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness';

let t: TestApp;

/** Logs in and returns only the session cookie (no CSRF token), as a browser holds it. */
async function sessionCookie(email: string, password: string): Promise<string> {
  const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
  expect(res.statusCode).toBe(200);
  return String(res.headers['set-cookie']).split(';')[0]!;
}

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe('staff login and roles', () => {
  it('logs in with the right password and returns the user and a CSRF token', async () => {
    const agent = await t.login('agent');
    const me = await agent.get('/api/auth/session');
    expect(me.status).toBe(200);
    expect(me.body.user).toMatchObject({ email: 'agent@kulanz.test', role: 'agent' });
    expect(me.body.csrfToken).toMatch(/^[0-9a-f]{64}$/);
  });

  it('sets an httpOnly SameSite=Strict session cookie', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'lead@kulanz.test', password: 'kulanz-lead-1' },
    });
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
  });

  it('refuses a wrong password with 401 naming the field', async () => {
    const res = await t
      .anonymous()
      .post('/api/auth/login', { email: 'agent@kulanz.test', password: 'nope-nope-nope' });
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body).toMatchObject({ code: 'LOGIN_FAILED', field: 'body.password' });
  });

  it('throttles an e-mail after five failed logins, even with the right password', async () => {
    const email = 'throttle@kulanz.test';
    const admin = await t.login('admin');
    expect(
      (
        await admin.post('/api/admin/staff', {
          email,
          displayName: 'T',
          role: 'agent',
          password: 'right-password-1',
        })
      ).status,
    ).toBe(201);
    for (let i = 0; i < 5; i++) {
      expect(
        (await t.anonymous().post('/api/auth/login', { email, password: `wrong-${i}-password` })).status,
      ).toBe(401);
    }
    const blocked = await t.anonymous().post('/api/auth/login', { email, password: 'right-password-1' });
    expect(blocked.status).toBe(429);
    expect(blocked.body.code).toBe('LOGIN_THROTTLED');
    t.clock.advance(16 * 60_000);
    expect(
      (await t.anonymous().post('/api/auth/login', { email, password: 'right-password-1' })).status,
    ).toBe(200);
  });

  it('answers 401 without a session and 403 when an agent calls an admin route', async () => {
    expect((await t.anonymous().get('/api/staff')).status).toBe(401);
    const agent = await t.login('agent');
    const res = await agent.post('/api/admin/staff', {
      email: 'x@kulanz.test',
      displayName: 'X',
      role: 'agent',
      password: 'long-enough-pw',
    });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('FORBIDDEN');
    const count = await t.db
      .selectFrom('staff_users')
      .where('email', '=', 'x@kulanz.test')
      .select('id')
      .execute();
    expect(count).toHaveLength(0);
  });

  it('refuses a change without the CSRF token, and with a wrong one, creating nothing', async () => {
    const admin = await t.login('admin');
    const body = { email: 'csrf@kulanz.test', displayName: 'C', role: 'agent', password: 'long-enough-pw' };
    const cookie = await sessionCookie('admin@kulanz.test', 'kulanz-admin-1');
    const missing = await t.app.inject({
      method: 'POST',
      url: '/api/admin/staff',
      headers: { cookie },
      payload: body,
    });
    expect(missing.statusCode).toBe(403);
    expect(missing.json()).toMatchObject({ code: 'CSRF_TOKEN_INVALID', field: 'headers.x-csrf-token' });
    const wrong = await admin.post('/api/admin/staff', body, { 'x-csrf-token': 'forged' });
    expect(wrong.status).toBe(403);
    expect(wrong.body).toMatchObject({ code: 'CSRF_TOKEN_INVALID', field: 'headers.x-csrf-token' });
    // the same session with its own token gets in: the refusals were about the token alone
    const right = await admin.post('/api/admin/staff', body);
    expect(right.status).toBe(201);
    const rows = await t.db.selectFrom('staff_users').select('id').where('email', '=', body.email).execute();
    expect(rows).toHaveLength(1);
  });

  it('lets an admin create and deactivate a user; the deactivated user is logged out and cannot log in', async () => {
    const admin = await t.login('admin');
    const created = await admin.post('/api/admin/staff', {
      email: 'New.Agent@kulanz.test',
      displayName: 'Neu Agent',
      role: 'agent',
      password: 'a-good-password',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ email: 'new.agent@kulanz.test', role: 'agent', isActive: true });
    expect(JSON.stringify(created.body)).not.toContain('argon2');
    const newAgent = await t.login({ email: 'new.agent@kulanz.test', password: 'a-good-password' });
    const off = await admin.patch(`/api/admin/staff/${created.body.id}`, { isActive: false });
    expect(off.status).toBe(200);
    expect(off.body.isActive).toBe(false);
    expect((await newAgent.get('/api/auth/session')).status).toBe(401);
    await expect(t.login({ email: 'new.agent@kulanz.test', password: 'a-good-password' })).rejects.toThrow(
      /401/,
    );
    const audit = await t.db
      .selectFrom('audit_events')
      .selectAll()
      .where('entity_id', '=', created.body.id)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['staff.created', 'staff.logged_in', 'staff.deactivated']),
    );
  });

  it('stores passwords only as argon2id hashes', async () => {
    const row = await t.db
      .selectFrom('staff_users')
      .select('password_hash')
      .where('email', '=', 'agent@kulanz.test')
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('rejects bad input with a 400 naming the field and creates nothing', async () => {
    const admin = await t.login('admin');
    const before = await t.db
      .selectFrom('staff_users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const cases: Array<[unknown, string]> = [
      [{ displayName: 'A', role: 'agent', password: 'long-enough-pw' }, 'body.email'],
      [{ email: 'a@b.de', displayName: 'A', role: 'boss', password: 'long-enough-pw' }, 'body.role'],
      [
        { email: 'a@b.de', displayName: 'x'.repeat(5000), role: 'agent', password: 'long-enough-pw' },
        'body.displayName',
      ],
      [{ email: 'a@b.de', displayName: 'A', role: 'agent', password: 12345678901 }, 'body.password'],
    ];
    for (const [body, field] of cases) {
      const res = await admin.post('/api/admin/staff', body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.field).toBe(field);
    }
    const after = await t.db
      .selectFrom('staff_users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('answers 404 problem+json for an unknown staff id and an unknown route', async () => {
    const admin = await t.login('admin');
    const res = await admin.patch('/api/admin/staff/usr_doesnotexist', { displayName: 'Nobody' });
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: 'STAFF_USER_NOT_FOUND', field: 'params.id' });
    expect((await admin.get('/api/nothing-here')).body.code).toBe('NOT_FOUND');
  });

  it('keeps the audit log append-only at the database', async () => {
    await expect(t.db.updateTable('audit_events').set({ action: 'tampered' }).execute()).rejects.toThrow(
      /append-only/,
    );
    await expect(t.db.deleteFrom('audit_events').execute()).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_events`.execute(t.db)).rejects.toThrow(/append-only: TRUNCATE/);
  });
});
