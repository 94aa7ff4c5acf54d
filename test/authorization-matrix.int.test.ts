import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../src/platform/roles';
import { type NamedRoute, operationRoutes } from './api/route-table';
import { sessionOf } from './api/world';
import { startTestApp, type TestApp } from './harness';

// Who may call what, for every route the app serves, in one table (by operationId; the routes the
// OpenAPI document leaves out by method and path). The test reads the routes from Fastify's own
// route table, so a route added without a line here fails; a line for a route that no longer
// exists fails too. Each route is called by every role and by an anonymous client, with
// ids that do not exist and no body: the role check comes before anything else, so no call changes
// anything, and each answer says only whether the caller was let in.

type Access = 'public' | readonly Role[];
const STAFF: readonly Role[] = ['agent', 'lead', 'admin'];
const LEADS: readonly Role[] = ['lead', 'admin'];
const ADMIN: readonly Role[] = ['admin'];

const ACCESS: Record<string, Access> = {
  'GET /api/openapi.json': 'public',
  getHealth: 'public',
  logIn: 'public',
  logOut: STAFF,
  getSession: STAFF,
  updateMyProfile: STAFF,
  listStaff: STAFF,
  createStaffUser: ADMIN,
  updateStaffUser: ADMIN,
  unlockStaffLogin: ADMIN,
  getSettings: STAFF,
  updateVerificationSettings: ADMIN,
  updateDeskSettings: ADMIN,
  updateFollowUpSettings: ADMIN,
  updateCallScript: ADMIN,
  getCallScript: STAFF,
  listAuditEvents: ADMIN,
  retryMessage: ADMIN,
  listTemplates: ADMIN,
  previewTemplate: ADMIN,
  saveTemplate: ADMIN,
  resetTemplate: ADMIN,
  searchAccounts: STAFF,
  getAccount: STAFF,
  updateAccountContact: STAFF,
  unlockVerification: LEADS,
  listAccountNotes: STAFF,
  listAccountSurveys: STAFF,
  openCase: STAFF,
  listCases: STAFF,
  getCase: STAFF,
  updateCase: STAFF,
  getCaseTimeline: STAFF,
  getVerification: STAFF,
  verifyCaller: STAFF,
  overrideVerification: LEADS,
  sendEmailCode: STAFF,
  listCaseMessages: STAFF,
  sendCaseMessage: STAFF,
  scheduleFollowUp: STAFF,
  cancelFollowUp: STAFF,
  listCaseSurveys: STAFF,
  listCommitments: STAFF,
  completeCommitment: STAFF,
  reopenCommitment: STAFF,
  writeNote: STAFF,
  addNoteAddendum: STAFF,
  listMailboxMessages: LEADS,
  getMessage: STAFF,
  getPolicyAdmin: ADMIN,
  savePolicyDraft: ADMIN,
  discardPolicyDraft: ADMIN,
  publishPolicy: ADMIN,
  getPublicPolicy: 'public',
  'GET /policy': 'public',
  createRefundRequest: STAFF,
  listCaseRefundRequests: STAFF,
  listRefundRequests: LEADS,
  simulatePolicy: LEADS,
  getWhatIfBase: LEADS,
  listRepeatRequesters: LEADS,
  getWeeklyDigest: LEADS,
  sendWeeklyDigest: ADMIN,
  getInsightsDashboard: STAFF,
  listInsightsDashboardCases: STAFF,
  exportInsightsDashboardCsv: STAFF,
  listRefundReasons: STAFF,
  getRefundRequest: STAFF,
  decideRefundRequest: STAFF,
  getRefundScript: STAFF,
  draftRefundNote: STAFF,
  escalateRefundRequest: STAFF,
  resubmitRefundRequest: STAFF,
  listOffersAdmin: ADMIN,
  createOffer: ADMIN,
  updateOffer: ADMIN,
  reorderOffers: ADMIN,
  updateOfferHoldout: ADMIN,
  listCaseOffers: STAFF,
  presentCaseOffers: STAFF,
  respondToCaseOffer: STAFF,
  getOfferStats: LEADS,
  listCancellationReasons: STAFF,
  saveCancellationReason: ADMIN,
  startCancellation: STAFF,
  listCaseCancellations: STAFF,
  getCancellation: STAFF,
  getCancellationReview: STAFF,
  reviewCancellation: STAFF,
  explainCancellation: STAFF,
  presentCancellationOffers: STAFF,
  answerCancellationOffer: STAFF,
  previewCancellation: STAFF,
  processCancellation: STAFF,
  confirmCancellation: STAFF,
  revokeCancellation: STAFF,
  withdrawCancellation: STAFF,
  draftCancellationNote: STAFF,
  addRefundEvidence: STAFF,
  getRefundEvidence: STAFF,
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
let routes: NamedRoute[];
const sessions = {} as Record<Role, { cookie: string; csrf: string }>;

beforeAll(async () => {
  t = await startTestApp();
  routes = operationRoutes(t.app);
  for (const role of ROLES)
    sessions[role] = await sessionOf(t, CREDENTIALS[role].email, CREDENTIALS[role].password);
}, 60_000);
afterAll(() => t.close());

/** Calls the route with ids that do not exist and no body, as `role` (or nobody), with or without the CSRF token. */
async function call(route: NamedRoute, role: Role | 'anonymous', withCsrf = true) {
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
    const served = routes.map((r) => r.name);
    expect(served.length).toBeGreaterThan(40);
    expect(served.filter((key) => !(key in ACCESS))).toEqual([]);
    expect(Object.keys(ACCESS).filter((key) => !served.includes(key))).toEqual([]);
  });

  it.each(['anonymous', ...ROLES] as const)(
    'lets %s into exactly the routes the table allows, and refuses the rest before anything runs',
    async (caller) => {
      const mismatches: string[] = [];
      for (const route of routes) {
        const key = route.name;
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
