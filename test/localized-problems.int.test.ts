import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_LOGINS } from '../src/demo/seed-demo';
import { startTestApp, type TestApp } from './harness';

// Validation problems are worded in the caller's Accept-Language; what clients branch on is not.
let t: TestApp;
let session: { cookie: string; csrf: string };

beforeAll(async () => {
  t = await startTestApp();
  const creds = DEMO_LOGINS.find((l) => l.role === 'admin')!;
  const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: creds });
  expect(res.statusCode).toBe(200);
  session = { cookie: String(res.headers['set-cookie']).split(';')[0]!, csrf: res.json().csrfToken };
});
afterAll(() => t.close());

async function send(
  method: 'GET' | 'POST' | 'PATCH',
  url: string,
  language: string | undefined,
  payload?: object,
) {
  const res = await t.app.inject({
    method,
    url,
    headers: {
      cookie: session.cookie,
      'x-csrf-token': session.csrf,
      ...(language === undefined ? {} : { 'accept-language': language }),
    },
    ...(payload ? { payload } : {}),
  });
  return { status: res.statusCode, headers: res.headers, body: res.json() };
}

async function count(table: 'staff_users' | 'audit_events') {
  const row = await t.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

// an address without an @ first, then a password sent as a number
const badUser = { email: 'erika.example.de', displayName: 'Erika', role: 'agent', password: 12345678901 };

describe('validation problems in the caller’s language', () => {
  it('words a refused body in German for Accept-Language de, with the same code and fields, and changes nothing', async () => {
    const before = { staff: await count('staff_users'), audit: await count('audit_events') };
    const none = await send('POST', '/api/admin/staff', undefined, badUser);
    const en = await send('POST', '/api/admin/staff', 'en', badUser);
    const de = await send('POST', '/api/admin/staff', 'de-DE,de;q=0.9,en;q=0.8', badUser);

    for (const res of [none, en, de]) {
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.field).toBe('body.email');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['body.email', 'body.password']);
      expect(res.body.title).toBe('The request is invalid');
    }
    // API clients that ask for nothing get what they always got: English
    expect(none.body).toEqual(en.body);
    expect(en.body.detail).toBe('body.email: Invalid email address');
    expect(en.headers['content-language']).toBe('en');

    // worded as a German form says it, not as a type checker does
    expect(de.body.detail).toBe('body.email: Bitte eine gültige E-Mail-Adresse eingeben');
    expect(en.body.errors[1].message).toContain('received number');
    expect(de.body.errors[1].message).toBe('Hier wird ein Text erwartet');
    expect(de.headers['content-language']).toBe('de');
    expect(String(de.headers.vary)).toContain('Accept-Language');

    expect({ staff: await count('staff_users'), audit: await count('audit_events') }).toEqual(before);
  });

  it('words our own schema messages in German too, in the query string as in the body', async () => {
    const en = await send('GET', '/api/accounts/search?q=a', 'en');
    const de = await send('GET', '/api/accounts/search?q=a', 'de');
    expect([en.status, de.status]).toEqual([400, 400]);
    expect(de.body.field).toBe(en.body.field);
    expect(en.body.detail).toBe('querystring.q: type at least 2 characters');
    expect(de.body.detail).toBe('querystring.q: Bitte mindestens 2 Zeichen eingeben');
  });

  it.each([
    ['fr-FR, fr;q=0.9', 'en'],
    ['de;q=0, en;q=0.5', 'en'],
    ['fr, de;q=0.3', 'de'],
  ])('answers Accept-Language %j in %s', async (header, language) => {
    const res = await send('POST', '/api/admin/staff', header, badUser);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.headers['content-language']).toBe(language);
    expect(res.body.detail.includes('gültige E-Mail-Adresse')).toBe(language === 'de');
  });

  it('keeps a business rule’s message English whatever the caller asks, for API clients and the logs', async () => {
    const res = await send('PATCH', '/api/admin/staff/usr_doesnotexist', 'de', { displayName: 'Niemand' });
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: 'STAFF_USER_NOT_FOUND', field: 'params.id' });
    expect(res.body.detail).toContain('does not exist');
  });
});
