import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_LOGINS } from '../src/demo/seed-demo';
import { buildOpenApiDocument } from '../src/openapi';
import { type RegisteredRoute, registeredRoutes } from './api/route-table';
import { startTestApp, type TestApp } from './harness';

// The HTTP surface as a whole: the OpenAPI document covers every API route, the docs page is
// served, sessions end on logout, and malformed requests get problem+json, not a stack trace.
let t: TestApp;
let registered: RegisteredRoute[] = [];

beforeAll(async () => {
  t = await startTestApp();
  registered = registeredRoutes(t.app).filter((r) => r.url.startsWith('/api/'));
});
afterAll(() => t.close());

async function rawLogin() {
  const creds = DEMO_LOGINS.find((l) => l.role === 'agent')!;
  const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: creds });
  expect(res.statusCode).toBe(200);
  return { cookie: String(res.headers['set-cookie']).split(';')[0]!, csrf: res.json().csrfToken as string };
}

async function count(table: 'cases' | 'audit_events') {
  const row = await t.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('API documentation', () => {
  it('serves OpenAPI 3.1 describing every API route with its method', async () => {
    const res = await t.anonymous().get('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    const documented = new Set<string>();
    for (const [path, item] of Object.entries(res.body.paths as Record<string, Record<string, unknown>>))
      for (const method of Object.keys(item)) documented.add(`${method.toUpperCase()} ${path}`);
    const expected = registered
      .filter((r) => !r.url.startsWith('/api/docs') && r.url !== '/api/openapi.json')
      .map((r) => `${r.method} ${r.path}`);
    expect(expected.length).toBeGreaterThan(30);
    const undocumented = expected.filter((e) => !documented.has(e));
    expect(undocumented).toEqual([]);
    // each operation names its errors as problem+json
    const login = res.body.paths['/api/auth/login'].post;
    expect(Object.keys(login.responses)).toEqual(expect.arrayContaining(['200', '400']));
  });

  it('names every operation with a unique camelCase operationId and says where the API is served', async () => {
    const res = await t.anonymous().get('/api/openapi.json');
    const operations: Array<{ at: string; operationId: unknown }> = [];
    for (const [path, item] of Object.entries(res.body.paths as Record<string, Record<string, any>>))
      for (const [method, operation] of Object.entries(item))
        operations.push({ at: `${method.toUpperCase()} ${path}`, operationId: operation.operationId });
    expect(operations.length).toBeGreaterThan(30);
    expect(operations.filter((o) => typeof o.operationId !== 'string')).toEqual([]);
    expect(operations.filter((o) => !/^[a-z]+(?:[A-Z][a-z0-9]*)+$/.test(String(o.operationId)))).toEqual([]);
    const ids = operations.map((o) => o.operationId);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    // the names a generated client exposes, pinned: renaming one breaks every client built on it
    expect(operations.find((o) => o.at === 'GET /api/accounts/search')?.operationId).toBe('searchAccounts');
    expect(operations.find((o) => o.at === 'POST /api/cases')?.operationId).toBe('openCase');
    expect(operations.find((o) => o.at === 'POST /api/cases/{id}/verification/email-code')?.operationId).toBe(
      'sendEmailCode',
    );
    // no KULANZ_PUBLIC_URL in the tests: the origin the document was fetched from
    expect(res.body.servers).toEqual([{ url: '/', description: expect.any(String) }]);
  });

  it('builds the same document without a server or database (what npm run lint:openapi lints)', async () => {
    const served = (await t.anonymous().get('/api/openapi.json')).body;
    expect(await buildOpenApiDocument(t.app.ctx.config)).toEqual(served);
    const withPublicUrl = await buildOpenApiDocument({
      ...t.app.ctx.config,
      publicUrl: 'https://desk.kulanz.test/',
    });
    expect(withPublicUrl.servers).toEqual([
      { url: 'https://desk.kulanz.test', description: 'KULANZ_PUBLIC_URL' },
    ]);
  });

  it('bounds every value a request may carry: a maximum length for every string, a range for every number', async () => {
    const doc = (await t.anonymous().get('/api/openapi.json')).body as {
      paths: Record<string, Record<string, OperationDoc>>;
    };
    const unbounded: string[] = [];
    for (const [path, item] of Object.entries(doc.paths))
      for (const [method, op] of Object.entries(item)) {
        const where = `${method.toUpperCase()} ${path}`;
        for (const p of op.parameters ?? []) unboundedIn(p.schema, `${where} ${p.in}.${p.name}`, unbounded);
        const body = op.requestBody?.content?.['application/json']?.schema;
        if (body) unboundedIn(body, `${where} body`, unbounded);
      }
    expect(unbounded).toEqual([]);
  });

  it('answers the health check without a login, after asking the database', async () => {
    const res = await t.anonymous().get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', database: 'ok' });
  });

  it('serves a browsable docs page without a login', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toMatch(/swagger/i);
  });
});

describe('sessions', () => {
  it('ends on logout: the cookie is cleared and the old session no longer works', async () => {
    const { cookie, csrf } = await rawLogin();
    const before = await t.app.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie } });
    expect(before.statusCode).toBe(200);
    // logging out is a change, so it needs the CSRF token too
    const forged = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } });
    expect(forged.statusCode).toBe(403);
    const out = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie, 'x-csrf-token': csrf },
    });
    expect(out.statusCode).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(/Expires=Thu, 01 Jan 1970|Max-Age=0/);
    const after = await t.app.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie } });
    expect(after.statusCode).toBe(401);
    expect(after.headers['content-type']).toContain('application/problem+json');
  });
});

describe('malformed requests', () => {
  it('answers broken JSON, an oversized body and an unknown route with problem+json', async () => {
    const { cookie, csrf } = await rawLogin();
    const casesBefore = await count('cases');
    const auditsBefore = await count('audit_events');
    const headers = { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' };
    const broken = await t.app.inject({
      method: 'POST',
      url: '/api/cases',
      headers,
      payload: '{"accountId": ',
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.headers['content-type']).toContain('application/problem+json');
    expect(broken.json()).toMatchObject({ status: 400, field: 'body' });

    const huge = await t.app.inject({
      method: 'POST',
      url: '/api/cases',
      headers,
      payload: JSON.stringify({ accountId: 'acc_x', subject: 'x'.repeat(300 * 1024) }),
    });
    expect(huge.statusCode).toBe(413);
    expect(huge.headers['content-type']).toContain('application/problem+json');

    const unknown = await t.app.inject({ method: 'GET', url: '/api/nothing-here', headers: { cookie } });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toContain('application/problem+json');

    expect(await count('cases')).toBe(casesBefore);
    expect(await count('audit_events')).toBe(auditsBefore);
  });
});

interface SchemaDoc {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  maxLength?: number;
  maximum?: number;
  exclusiveMaximum?: number;
  minimum?: number;
  exclusiveMinimum?: number;
  properties?: Record<string, SchemaDoc>;
  items?: SchemaDoc;
  oneOf?: SchemaDoc[];
  anyOf?: SchemaDoc[];
}

interface OperationDoc {
  parameters?: Array<{ in: string; name: string; schema: SchemaDoc }>;
  requestBody?: { content?: Record<string, { schema: SchemaDoc }> };
}

/** Strings without a maximum length and numbers without both ends, anywhere in a request schema. */
function unboundedIn(schema: SchemaDoc, where: string, out: string[]): void {
  for (const alternative of [...(schema.oneOf ?? []), ...(schema.anyOf ?? [])])
    unboundedIn(alternative, where, out);
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  const fixed = schema.enum !== undefined || schema.const !== undefined;
  if (types.includes('string') && !fixed && schema.maxLength === undefined)
    out.push(`${where}: string without maxLength`);
  if ((types.includes('integer') || types.includes('number')) && !fixed) {
    const hasMax = schema.maximum !== undefined || schema.exclusiveMaximum !== undefined;
    const hasMin = schema.minimum !== undefined || schema.exclusiveMinimum !== undefined;
    if (!hasMax || !hasMin) out.push(`${where}: number without a range`);
  }
  for (const [key, child] of Object.entries(schema.properties ?? {}))
    unboundedIn(child, `${where}.${key}`, out);
  if (schema.items) unboundedIn(schema.items, `${where}[]`, out);
}
