import { sendFollowUp } from '../../src/modules/surveys';
import type { Role } from '../../src/platform/roles';
import { addPaidOrder, addSubscription, createAccount, DEFAULT_SECRETS } from '../factories';
import type { TestApp, TestClient } from '../harness';

/** A password the generated tests log in with; the same for every staff user they create. */
export const WORLD_PASSWORD = 'world-password-1';

/**
 * One of everything the API works on, made through the API where it can be: an account with a
 * representative, a verified open case, a note with a commitment, a message, a refund request with
 * evidence, a spare staff user and a survey link. Generated tests fill path ids and id fields from it.
 */
export interface ApiWorld {
  clients: Record<Role, TestClient>;
  /** Ids by the prefix an id parameter names in its description ('acc_… id' → acc). */
  ids: {
    acc: string;
    case: string;
    note: string;
    cmt: string;
    msg: string;
    usr: string;
    rep: string;
    rfr: string;
    pay: string;
    ofr: string;
    sub: string;
    cnc: string;
    rev: string;
  };
  /** The verified case's number (C-…), for fields that take a case by its number. */
  caseNumber: string;
  /** The spare staff user's e-mail (its password is WORLD_PASSWORD). */
  spareEmail: string;
  /** A survey path the customer got by e-mail: /s/<token>. */
  surveyPath: string;
  /** The survey that path answers. */
  surveyId: string;
}

/** A 1×1 PNG, the evidence the world's refund request carries. */
const WORLD_PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

let ipCounter = 10;

/** A session of its own: logs in from a fresh client address, so the per-address login limit never decides a test. */
export async function sessionOf(t: TestApp, email: string, password: string) {
  const remoteAddress = `10.0.${Math.floor(ipCounter / 250)}.${(ipCounter++ % 250) + 1}`;
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email, password },
    remoteAddress,
  });
  if (res.statusCode !== 200) throw new Error(`login as ${email} failed: ${res.statusCode} ${res.body}`);
  const body = res.json();
  return {
    cookie: String(res.headers['set-cookie']).split(';')[0]!,
    csrf: body.csrfToken as string,
    user: { id: body.user.id as string, email: body.user.email as string, role: body.user.role as Role },
  };
}

/** A test client on a session of its own (see sessionOf). */
export async function loginFresh(t: TestApp, email: string, password: string): Promise<TestClient> {
  const { cookie, csrf, user } = await sessionOf(t, email, password);
  const call = async (method: string, url: string, payload?: unknown, extra?: Record<string, string>) => {
    const r = await t.app.inject({
      method: method as 'GET',
      url,
      headers: { cookie, 'x-csrf-token': csrf, ...extra },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
    const type = String(r.headers['content-type'] ?? '');
    return { status: r.statusCode, body: type.includes('json') ? r.json() : r.body, headers: r.headers };
  };
  return {
    user,
    get: (url) => call('GET', url),
    post: (url, payload, headers) => call('POST', url, payload ?? {}, headers),
    patch: (url, payload) => call('PATCH', url, payload ?? {}),
    put: (url, payload) => call('PUT', url, payload ?? {}),
    delete: (url) => call('DELETE', url),
  };
}

function expectStatus(what: string, res: { status: number; body: unknown }, status: number) {
  if (res.status !== status)
    throw new Error(`world: ${what} answered ${res.status}: ${JSON.stringify(res.body)}`);
}

export async function buildWorld(t: TestApp): Promise<ApiWorld> {
  const clients = {
    agent: await t.login('agent'),
    lead: await t.login('lead'),
    admin: await t.login('admin'),
  };
  const { admin } = clients;
  const unique = Math.random().toString(36).slice(2, 8);
  const spareEmail = `spare.${unique}@kulanz.test`;
  const spare = await admin.post('/api/admin/staff', {
    email: spareEmail,
    displayName: 'Sam Spare',
    role: 'agent',
    password: WORLD_PASSWORD,
  });
  expectStatus('creating the spare staff user', spare, 201);

  const account = await createAccount(t, {
    email: `world.${unique}@example.de`,
    phone: '030 1234567',
    representatives: [{ firstName: 'Rita', lastName: 'Vertreterin', canCancel: true }],
  });
  const opened = await admin.post('/api/cases', {
    accountId: account.id,
    type: 'inquiry',
    channel: 'phone',
    subject: 'World case',
  });
  expectStatus('opening the case', opened, 201);
  const caseId = opened.body.id as string;
  const verified = await admin.post(`/api/cases/${caseId}/verification`, {
    subject: { type: 'holder' },
    answers: DEFAULT_SECRETS,
  });
  expectStatus('verifying the caller', verified, 200);
  const note = await admin.post('/api/notes', {
    accountId: account.id,
    caseId,
    contactReason: 'World contact',
    actionsTaken: 'Looked at everything',
    commitments: [{ description: 'Call back', dueOn: '2099-01-15' }],
  });
  expectStatus('writing the note', note, 201);
  const message = await admin.post(`/api/cases/${caseId}/messages`, { body: 'Hello from the world' });
  expectStatus('writing to the customer', message, 201);
  const paid = await addPaidOrder(t, account.id, { totalMinor: 4000 });
  const refund = await admin.post(`/api/cases/${caseId}/refund-requests`, {
    paymentId: paid.paymentId,
    reasonCode: 'changed_mind',
    customerWords: 'Bitte erstatten',
    mood: 'calm',
    requestedMinor: 4000,
    currency: 'EUR',
  });
  expectStatus('recording a refund request', refund, 201);
  const { id: subscriptionId } = await addSubscription(t, account.id);
  const offer = await admin.post('/api/admin/offers', {
    title: { de: 'Eine Woche geschenkt', en: 'A week on us' },
    terms: { kind: 'extension', days: 7 },
  });
  expectStatus('defining a retention offer', offer, 201);
  const cancellation = await admin.post(`/api/cases/${caseId}/cancellations`, {
    subscriptionId,
    reasonCode: 'too_expensive',
    customerWords: 'Zu teuer',
  });
  expectStatus('starting a cancellation', cancellation, 201);
  const evidence = await admin.post(
    `/api/refund-requests/${refund.body.id}/evidence?name=beleg.png`,
    Buffer.from(WORLD_PNG, 'base64'),
    { 'content-type': 'application/octet-stream' },
  );
  expectStatus('attaching evidence', evidence, 201);

  return {
    clients,
    ids: {
      acc: account.id,
      case: caseId,
      note: note.body.id,
      cmt: note.body.commitments[0].id,
      msg: message.body.id,
      usr: spare.body.id,
      rep: account.representatives[0]!.id,
      rfr: refund.body.id,
      pay: paid.paymentId,
      ofr: offer.body.id,
      sub: subscriptionId,
      cnc: cancellation.body.id,
      rev: evidence.body.id,
    },
    caseNumber: opened.body.caseNumber as string,
    spareEmail,
    ...(await surveyLink(t, admin)),
  };
}

/** A survey sent for a case of its own, as the customer's e-mail links to it. */
async function surveyLink(t: TestApp, admin: TestClient): Promise<{ surveyPath: string; surveyId: string }> {
  const account = await createAccount(t, {
    email: `survey.${Math.random().toString(36).slice(2)}@example.de`,
  });
  const opened = await admin.post('/api/cases', { accountId: account.id, type: 'inquiry', channel: 'email' });
  expectStatus('opening the survey case', opened, 201);
  const scheduled = await admin.post(`/api/cases/${opened.body.id}/follow-up`, { inDays: 0 });
  expectStatus('scheduling the follow-up', scheduled, 201);
  const sent = await sendFollowUp(t.systemDeps(), {
    surveyId: scheduled.body.id,
    baseUrl: 'http://kulanz.test',
  });
  if (!sent.sent) throw new Error(`world: the survey was not sent (${sent.reason})`);
  return { surveyPath: `/s/${sent.token}`, surveyId: scheduled.body.id };
}
