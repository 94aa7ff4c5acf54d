import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { domainErrorFromDatabase } from '../src/platform/database-errors';
import { newId } from '../src/platform/ids';
import { countAuditEvents, createAccount, createCase } from './factories';
import { startTestApp, type TestApp, type TestClient } from './harness';

// The edge classes of issue 8, each refused once in the platform: text PostgreSQL cannot store,
// values that pass a pattern but are no value (a day that is not in the calendar), unique rules
// lost in a race, and what the router refuses before any route runs.
let t: TestApp;
let agent: TestClient;
let admin: TestClient;

beforeAll(async () => {
  t = await startTestApp();
  agent = await t.login('agent');
  admin = await t.login('admin');
});
afterAll(() => t.close());

const auditCount = () => countAuditEvents(t);

let headers: Record<string, string> | undefined;
/** An agent's session cookie and CSRF token, for requests that set their own headers. */
async function sessionHeaders() {
  if (!headers) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'agent@kulanz.test', password: 'kulanz-agent-1' },
    });
    headers = {
      cookie: String(res.headers['set-cookie']).split(';')[0]!,
      'x-csrf-token': res.json().csrfToken,
    };
  }
  return headers;
}

describe('text PostgreSQL cannot store', () => {
  it('refuses a NUL character in a path id, a query parameter and a JSON body with a 400 naming the field, before any query runs', async () => {
    const account = await createAccount(t);
    const kase = await createCase(t, account.id);
    const before = await auditCount();
    const cases = [
      [await agent.get('/api/cases/case%00x'), 'params.id'],
      [await agent.get('/api/cases?accountId=acc%00'), 'querystring.accountId'],
      [await agent.patch(`/api/cases/${kase.id}`, { subject: 'Kündigung\u0000' }), 'body.subject'],
      [
        await agent.post('/api/notes', {
          accountId: account.id,
          caseId: kase.id,
          contactReason: 'Anruf',
          actionsTaken: 'ok',
          commitments: [{ description: 'Rückruf\u0000', dueOn: '2099-01-15' }],
        }),
        'body.commitments.0.description',
      ],
      [
        await admin.put('/api/admin/settings/follow-up', { delayDays: 7, validDays: 14, 'x\u0000': 1 }),
        'body',
      ],
    ] as const;
    for (const [res, field] of cases) {
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', field });
      expect(res.body.errors[0].message).toMatch(/NUL/);
    }
    expect(await auditCount()).toBe(before);
  });

  it('refuses half a surrogate pair, which jsonb cannot hold, and words it in German when asked', async () => {
    const account = await createAccount(t);
    const kase = await createCase(t, account.id);
    const session = await sessionHeaders();
    const before = await auditCount();
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/cases/${kase.id}`,
      headers: { ...session, 'accept-language': 'de' },
      payload: { subject: 'Erstattung \ud83d' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      field: 'body.subject',
      errors: [{ field: 'body.subject', message: expect.stringContaining('Unicode') }],
    });
    expect(res.json().errors[0].message).toMatch(/Bitte gültigen Unicode-Text senden/);
    // a whole pair is one character like any other
    const emoji = await agent.patch(`/api/cases/${kase.id}`, { subject: 'Erstattung 😀' });
    expect(emoji.status).toBe(200);
    expect(emoji.body.subject).toBe('Erstattung 😀');
    expect(await auditCount()).toBe(before + 1);
  });
});

describe('values that pass a pattern but are no value', () => {
  it('refuses a commitment due on a day that is not in the calendar, and takes a leap day', async () => {
    const account = await createAccount(t);
    const kase = await createCase(t, account.id);
    const note = (dueOn: string) =>
      agent.post('/api/notes', {
        accountId: account.id,
        caseId: kase.id,
        contactReason: 'Anruf',
        actionsTaken: 'Rückruf zugesagt',
        commitments: [{ description: 'Rückruf', dueOn }],
      });
    for (const day of ['2099-02-30', '2099-13-45', '2027-02-29', '0000-01-01']) {
      const res = await note(day);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body.commitments.0.dueOn' });
    }
    const leap = await note('2028-02-29');
    expect(leap.status).toBe(201);
    expect(leap.body.commitments[0].dueOn).toBe('2028-02-29');
  });

  it('refuses an audit filter instant outside the years the database stores', async () => {
    const res = await admin.get('/api/admin/audit?from=0000-01-01T00:00:00Z');
    expect(res.status).toBe(400);
    expect(res.body.field).toBe('querystring.from');
    expect((await admin.get('/api/admin/audit?from=2026-01-01T00:00:00%2B01:00')).status).toBe(200);
  });
});

describe('unique rules lost in a race', () => {
  it('answers twenty parallel creations of a staff user with one e-mail with one 201 and 409 STAFF_EMAIL_TAKEN for the rest', async () => {
    const email = `race.${Date.now()}@kulanz.test`;
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        admin.post('/api/admin/staff', {
          email,
          displayName: `Racer ${i}`,
          role: 'agent',
          password: 'race-password-1',
        }),
      ),
    );
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    const losers = answers.filter((a) => a.status !== 201);
    expect(losers).toHaveLength(19);
    for (const loser of losers)
      expect(loser.body).toMatchObject({ status: 409, code: 'STAFF_EMAIL_TAKEN', field: 'body.email' });
    const rows = await t.db.selectFrom('staff_users').select('id').where('email', '=', email).execute();
    expect(rows).toHaveLength(1);
  });

  it('answers twenty parallel follow-up schedules for one case with one 201 and 409 FOLLOW_UP_ALREADY_SCHEDULED', async () => {
    const account = await createAccount(t);
    const kase = await createCase(t, account.id);
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => agent.post(`/api/cases/${kase.id}/follow-up`, {})),
    );
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    for (const loser of answers.filter((a) => a.status !== 201))
      expect(loser.body).toMatchObject({
        status: 409,
        code: 'FOLLOW_UP_ALREADY_SCHEDULED',
        field: 'params.id',
      });
    const rows = await t.db.selectFrom('surveys').select('id').where('case_id', '=', kase.id).execute();
    expect(rows).toHaveLength(1);
  });

  it('maps the database’s own unique violation: a described index to its code and field, any other to ALREADY_EXISTS', async () => {
    const now = t.clock.now();
    const insertStaff = (id: string) =>
      t.db
        .insertInto('staff_users')
        .values({
          id,
          email: 'agent@kulanz.test',
          display_name: 'Twin',
          role: 'agent',
          password_hash: 'x',
          locale: 'de',
          created_at: now,
          deactivated_at: null,
        })
        .execute();
    const staffError = await insertStaff(newId('usr', now)).catch((e: unknown) => e);
    expect(domainErrorFromDatabase(staffError)).toMatchObject({
      code: 'STAFF_EMAIL_TAKEN',
      details: { field: 'body.email' },
    });
    const primaryKeyError = await insertStaff('usr_demo_agent').catch((e: unknown) => e);
    expect(domainErrorFromDatabase(primaryKeyError)).toMatchObject({ code: 'ALREADY_EXISTS', details: {} });
    expect(domainErrorFromDatabase(new Error('not from the database'))).toBeUndefined();
  });
});

describe('what the router refuses before any route runs', () => {
  it('answers a malformed percent-encoding and an over-long path segment with problem+json', async () => {
    const bad = await t.app.inject({ method: 'GET', url: '/api/cases/%E0%A4%A' });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.json()).toMatchObject({ code: 'BAD_URL', field: 'path' });
    const long = await t.app.inject({ method: 'GET', url: `/api/cases/${'x'.repeat(500)}` });
    expect(long.statusCode).toBe(414);
    expect(long.headers['content-type']).toContain('application/problem+json');
    expect(long.json()).toMatchObject({ code: 'URI_TOO_LONG', field: 'path' });
  });

  it('answers a broken survey link with the friendly survey page, not JSON', async () => {
    for (const url of ['/s/%E0%A4%A', `/s/${'t'.repeat(500)}`, '/s/abc%00def', '/s/some-token/extra']) {
      const res = await t.app.inject({ method: 'GET', url, headers: { 'accept-language': 'en' } });
      expect(res.statusCode).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.body).toContain('We do not know this survey link');
      expect(res.headers['content-security-policy']).toMatch(/default-src/);
    }
    const unreadable = await t.app.inject({
      method: 'POST',
      url: '/s/abcdefghijklmnopqrstuvwxyz',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'de' },
      payload: 'rating=3&comment=a%00b',
    });
    expect(unreadable.statusCode).toBe(400);
    expect(unreadable.headers['content-type']).toMatch(/^text\/html/);
    expect(unreadable.body).toContain('Zeichen, die wir nicht speichern können');
  });
});
