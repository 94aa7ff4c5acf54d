import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../src/modules/staff/staff.table';
import { operationKey, operationRoutes, type RegisteredRoute } from './api/route-table';
import { sessionOf } from './api/world';
import { startTestApp, type TestApp } from './harness';

// Who may call what, for every route the app serves, in one table. The test reads the routes from
// Fastify's own route table, so a route added without a line here fails; a line for a route that
// no longer exists fails too. Each route is called by every role and by an anonymous client, with
// ids that do not exist and no body: the role check comes before anything else, so no call changes
// anything, and each answer says only whether the caller was let in.

type Access = 'public' | readonly Role[];
const STAFF: readonly Role[] = ['agent', 'lead', 'admin'];
const LEADS: readonly Role[] = ['lead', 'admin'];
const ADMIN: readonly Role[] = ['admin'];

const ACCESS: Record<string, Access> = {
  'GET /api/openapi.json': 'public',
  'GET /api/health': 'public',
  'POST /api/auth/login': 'public',
  'POST /api/auth/logout': STAFF,
  'GET /api/auth/session': STAFF,
  'PATCH /api/auth/me': STAFF,
  'GET /api/staff': STAFF,
  'POST /api/admin/staff': ADMIN,
  'PATCH /api/admin/staff/{id}': ADMIN,
  'GET /api/settings': STAFF,
  'PUT /api/admin/settings/verification': ADMIN,
  'PUT /api/admin/settings/desk': ADMIN,
  'PUT /api/admin/settings/follow-up': ADMIN,
  'PUT /api/admin/settings/call-script': ADMIN,
  'GET /api/call-script': STAFF,
  'GET /api/admin/audit': ADMIN,
  'POST /api/admin/messages/{id}/retry': ADMIN,
  'GET /api/admin/templates': ADMIN,
  'POST /api/admin/templates/preview': ADMIN,
  'PUT /api/admin/templates/{kind}/{language}': ADMIN,
  'DELETE /api/admin/templates/{kind}/{language}': ADMIN,
  'GET /api/accounts/search': STAFF,
  'GET /api/accounts/{id}': STAFF,
  'PATCH /api/accounts/{id}/contact': STAFF,
  'POST /api/accounts/{id}/verification/unlock': LEADS,
  'GET /api/accounts/{id}/notes': STAFF,
  'GET /api/accounts/{id}/surveys': STAFF,
  'POST /api/cases': STAFF,
  'GET /api/cases': STAFF,
  'GET /api/cases/{id}': STAFF,
  'PATCH /api/cases/{id}': STAFF,
  'GET /api/cases/{id}/timeline': STAFF,
  'GET /api/cases/{id}/verification': STAFF,
  'POST /api/cases/{id}/verification': STAFF,
  'POST /api/cases/{id}/verification/override': LEADS,
  'POST /api/cases/{id}/verification/email-code': STAFF,
  'GET /api/cases/{id}/messages': STAFF,
  'POST /api/cases/{id}/messages': STAFF,
  'POST /api/cases/{id}/follow-up': STAFF,
  'DELETE /api/cases/{id}/follow-up': STAFF,
  'GET /api/cases/{id}/surveys': STAFF,
  'GET /api/commitments': STAFF,
  'POST /api/commitments/{id}/done': STAFF,
  'POST /api/notes': STAFF,
  'POST /api/notes/{id}/addenda': STAFF,
  'GET /api/mailbox': LEADS,
  'GET /api/messages/{id}': STAFF,
  'GET /s/{token}': 'public',
  'POST /s/{token}': 'public',
};

const ROLES: readonly Role[] = ['agent', 'lead', 'admin'];
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
const CREDENTIALS: Record<Role, { email: string; password: string }> = {
  agent: { email: 'agent@kulanz.test', password: 'kulanz-agent-1' },
  lead: { email: 'lead@kulanz.test', password: 'kulanz-lead-1' },
  admin: { email: 'admin@kulanz.test', password: 'kulanz-admin-1' },
};

let t: TestApp;
let routes: RegisteredRoute[];
const sessions = {} as Record<Role, { cookie: string; csrf: string }>;

beforeAll(async () => {
  t = await startTestApp();
  routes = operationRoutes(t.app);
  for (const role of ROLES)
    sessions[role] = await sessionOf(t, CREDENTIALS[role].email, CREDENTIALS[role].password);
}, 60_000);
afterAll(() => t.close());

/** Calls the route with ids that do not exist and no body, as `role` (or nobody), with or without the CSRF token. */
async function call(route: RegisteredRoute, role: Role | 'anonymous', withCsrf = true) {
  const url = route.path.replace(/\{\w+\}/g, 'does-not-exist');
  // logging out would end the shared session: it gets a session of its own
  const session =
    role === 'anonymous'
      ? undefined
      : route.path === '/api/auth/logout'
        ? await sessionOf(t, CREDENTIALS[role].email, CREDENTIALS[role].password)
        : sessions[role];
  const res = await t.app.inject({
    method: route.method as 'GET',
    url,
    headers: {
      ...(session ? { cookie: session.cookie } : {}),
      ...(session && withCsrf ? { 'x-csrf-token': session.csrf } : {}),
      ...(SAFE.has(route.method) ? {} : { 'content-type': 'application/json' }),
    },
    ...(SAFE.has(route.method) ? {} : { payload: '{}' }),
  });
  const isJson = String(res.headers['content-type'] ?? '').includes('json');
  return { status: res.statusCode, code: isJson ? (res.json().code as string | undefined) : undefined };
}

/** What the caller got, in the matrix's words: let in, or refused (and how). */
function outcome(answer: { status: number; code?: string }): string {
  if (answer.status === 401) return `401 ${answer.code}`;
  if (answer.status === 403 && (answer.code === 'FORBIDDEN' || answer.code === 'CSRF_TOKEN_INVALID'))
    return `403 ${answer.code}`;
  if (answer.status >= 500) return `${answer.status} (server error)`;
  return 'let in';
}

describe('authorization matrix', () => {
  it('has a decision for every route the app serves, and a route for every decision', () => {
    const served = routes.map((r) => operationKey(r.method, r.path));
    expect(served.length).toBeGreaterThan(40);
    expect(served.filter((key) => !(key in ACCESS))).toEqual([]);
    expect(Object.keys(ACCESS).filter((key) => !served.includes(key))).toEqual([]);
  });

  it.each(['anonymous', ...ROLES] as const)(
    'lets %s into exactly the routes the table allows, and refuses the rest before anything runs',
    async (caller) => {
      const mismatches: string[] = [];
      for (const route of routes) {
        const key = operationKey(route.method, route.path);
        const access = ACCESS[key];
        if (access === undefined) continue; // the decision test above names it
        const allowed = access === 'public' || (caller !== 'anonymous' && access.includes(caller));
        const expected = allowed
          ? 'let in'
          : caller === 'anonymous'
            ? '401 UNAUTHENTICATED'
            : '403 FORBIDDEN';
        const got = outcome(await call(route, caller));
        if (got !== expected) mismatches.push(`${key}: expected ${expected}, got ${got}`);
        // a change with a valid session but without the session's CSRF token is refused as well
        if (allowed && caller !== 'anonymous' && access !== 'public' && !SAFE.has(route.method)) {
          const forged = outcome(await call(route, caller, false));
          if (forged !== '403 CSRF_TOKEN_INVALID')
            mismatches.push(`${key} without the CSRF token: expected 403 CSRF_TOKEN_INVALID, got ${forged}`);
        }
      }
      expect(mismatches).toEqual([]);
    },
    120_000,
  );
});
