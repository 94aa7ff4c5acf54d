import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addPaidOrder,
  addSubscription,
  createAccount,
  createCase,
  markVerified,
} from '../../../test/factories';
import { startDesk, type TestApp, type TestClient } from '../../../test/harness';
import { DAY } from '../../platform/clock';
import { newId } from '../../platform/ids';
import { createDeliveryWorker, mailboxTransport } from '../messaging';
import { sendFollowUp } from '.';
import { alertLowRating } from './use-cases/alert-low-rating';

// A customer's 1–2 star answer alerts the case's lead through the staff-message outbox: the lead
// who decided the case, else its lead assignee, else every active lead; in the lead's language;
// exactly once per answer.

const PUBLIC_URL = 'https://desk.kulanz.test/';
let t: TestApp;
let agent: TestClient;
let lead: TestClient;
let admin: TestClient;
/** A second lead who reads English. */
let erin: { id: string; email: string; client: TestClient };
let ip = 0;

async function newLead(name: string, email: string, locale: 'de' | 'en') {
  const password = 'Sehr-geheim-123!';
  const res = await admin.post('/api/admin/staff', {
    email,
    displayName: name,
    role: 'lead',
    password,
    locale,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { id: res.body.id as string, email, client: await t.login({ email, password }) };
}

const activeLeads = () =>
  t.db
    .selectFrom('staff_users')
    .select(['id', 'email', 'locale'])
    .where('role', '=', 'lead')
    .where('is_active', '=', true)
    .execute();

/** A case of a fresh customer (an account number of its own), optionally assigned to someone. */
async function newCase(language: 'de' | 'en' = 'de', assigneeId: string | null = null) {
  const account = await createAccount(t, {
    language,
    email: `lr-${Math.random().toString(36).slice(2)}@example.de`,
  });
  const kase = await createCase(t, account.id, { openedBy: assigneeId });
  const row = await t.db
    .selectFrom('accounts')
    .select('account_number')
    .where('id', '=', account.id)
    .executeTakeFirstOrThrow();
  return {
    accountId: account.id,
    accountNumber: row.account_number,
    caseId: kase.id,
    caseNumber: kase.caseNumber,
  };
}

/** A goodwill refund (bought 90 days ago) on the case, escalated and decided by `decider`. */
async function decidedException(
  c: { accountId: string; caseId: string },
  decider: TestClient,
  action: 'approve' | 'deny',
) {
  await markVerified(t, c.caseId);
  const { paymentId } = await addPaidOrder(t, c.accountId, {
    totalMinor: 6000,
    orderedAt: new Date(t.clock.now().getTime() - 90 * DAY),
  });
  const created = await agent.post(`/api/cases/${c.caseId}/refund-requests`, {
    paymentId,
    reasonCode: 'not_satisfied',
    customerWords: 'Gefällt mir nicht.',
    mood: 'upset',
    requestedMinor: 6000,
    currency: 'EUR',
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  if (created.body.status === 'evaluated')
    expect((await agent.post(`/api/refund-requests/${created.body.id}/escalate`, {})).status).toBe(200);
  const decided = await decider.post(`/api/refund-requests/${created.body.id}/decision`, {
    action,
    note: 'Entschieden.',
    ...(action === 'deny'
      ? { alternative: { kind: 'discount', note: '10 % auf die nächste Bestellung.' } }
      : {}),
  });
  expect(decided.status, JSON.stringify(decided.body)).toBe(200);
}

/** Sends the case's follow-up now and returns the survey link the customer got (from the outbox's clear copy). */
async function surveyLink(caseId: string): Promise<{ surveyId: string; link: string }> {
  const scheduled = await agent.post(`/api/cases/${caseId}/follow-up`, { inDays: 0 });
  expect([201, 409]).toContain(scheduled.status);
  const survey = await t.db
    .selectFrom('surveys')
    .select('id')
    .where('case_id', '=', caseId)
    .where('state', '=', 'scheduled')
    .executeTakeFirstOrThrow();
  expect(
    (await sendFollowUp(t.systemDeps(), { surveyId: survey.id, baseUrl: 'http://kulanz.test' })).sent,
  ).toBe(true);
  const clear = await t.db
    .selectFrom('outbox_messages as m')
    .innerJoin('outbox_clear_parts as c', 'c.message_id', 'm.id')
    .select('c.text_body')
    .where('m.case_id', '=', caseId)
    .where('m.kind', '=', 'follow_up_survey')
    .orderBy('m.created_at', 'desc')
    .executeTakeFirstOrThrow();
  return {
    surveyId: survey.id,
    link: /http:\/\/kulanz\.test(\/s\/[A-Za-z0-9_-]+)/.exec(clear.text_body)![1]!,
  };
}

function answer(link: string, form: Record<string, string>, remoteAddress = `10.77.0.${++ip}`) {
  return t.app.inject({
    method: 'POST',
    url: link,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(form).toString(),
    remoteAddress,
  });
}

const alertsOf = (caseId: string) =>
  t.db
    .selectFrom('outbox_messages')
    .selectAll()
    .where('case_id', '=', caseId)
    .where('kind', '=', 'low_rating_alert')
    .orderBy('to_address')
    .execute();

beforeAll(async () => {
  ({ t, agent, lead, admin } = await startDesk({ config: { publicUrl: PUBLIC_URL } }));
  erin = await newLead('Erin English', `erin-${Date.now()}@kulanz.test`, 'en');
});
afterAll(() => t.close());

describe('a low survey rating alerts the case lead', () => {
  it('goes to the lead who decided the exception, in their language, with the case, the rating and the comment', async () => {
    const c = await newCase('de');
    await decidedException(c, erin.client, 'deny');
    const { link } = await surveyLink(c.caseId);
    const res = await answer(link, {
      rating: '1',
      comment: 'Unverschämt <script>alert(1)</script> & "so"\r\nNie wieder.',
    });
    expect(res.statusCode).toBe(200);

    const alerts = await alertsOf(c.caseId);
    expect(alerts).toHaveLength(1);
    const [m] = alerts;
    expect(m).toMatchObject({
      to_address: erin.email,
      language: 'en',
      account_id: c.accountId,
      state: 'queued',
      idempotency_key: `staff:low-rating:${(await t.db.selectFrom('surveys').select('id').where('case_id', '=', c.caseId).executeTakeFirstOrThrow()).id}:${erin.id}`,
    });
    expect(m!.subject).toBe(`Low rating: 1 of 5 stars on case ${c.caseNumber}`);
    expect(m!.text_body).toBe(
      [
        'Hello Erin English,',
        '',
        `the customer with account number ${c.accountNumber} rated the satisfaction survey on case ${c.caseNumber} 1 of 5 stars.`,
        '',
        "The customer's comment:",
        '> Unverschämt <script>alert(1)</script> & "so"',
        '> Nie wieder.',
        '',
        'The case:',
        '- Refund – reason: Not satisfied, no value; outcome: denied',
        '',
        'You get this message because you took a decision on this case.',
        '',
        'Open the case:',
        `https://desk.kulanz.test/cases/${c.caseId}`,
        '',
        'kulanz',
      ].join('\n'),
    );
    // the customer's words are text in the HTML part, never markup
    expect(m!.html_body).not.toContain('<script>');
    expect(m!.html_body).toContain(
      'Unverschämt &#60;script&#62;alert(1)&#60;/script&#62; &#38; &#34;so&#34;<br>Nie wieder.',
    );
    expect(m!.html_body).toContain(`<a href="https://desk.kulanz.test/cases/${c.caseId}">`);

    // audited like every queued message, by the customer who answered, on the case
    const audit = await t.db
      .selectFrom('audit_events')
      .select(['actor_role', 'case_id', 'changes'])
      .where('action', '=', 'message.queued')
      .where('entity_id', '=', m!.id)
      .execute();
    expect(audit).toEqual([
      {
        actor_role: 'customer',
        case_id: c.caseId,
        changes: { kind: 'low_rating_alert', to: erin.email, language: 'en' },
      },
    ]);
    // on the case's messages, marked as one to staff (the survey e-mail is not)
    const onCase = await lead.get(`/api/cases/${c.caseId}/messages`);
    expect(
      onCase.body.items.map((i: { kind: string; toStaff: boolean }) => [i.kind, i.toStaff]).sort(),
    ).toEqual(
      expect.arrayContaining([
        ['follow_up_survey', false],
        ['low_rating_alert', true],
      ]),
    );
    // the delivery worker sends it like any other message
    await createDeliveryWorker({ db: t.db, clock: t.clock, transport: mailboxTransport() }).runOnce();
    const delivered = await t.db
      .selectFrom('outbox_messages')
      .select('state')
      .where('id', '=', m!.id)
      .executeTakeFirstOrThrow();
    expect(delivered.state).toBe('sent');
  });

  it('alerts nobody for 3 stars or more', async () => {
    for (const rating of ['3', '5']) {
      const c = await newCase('de');
      await decidedException(c, erin.client, 'approve');
      const { link } = await surveyLink(c.caseId);
      expect((await answer(link, { rating, comment: 'Geht so.' })).statusCode).toBe(200);
      expect(await alertsOf(c.caseId)).toEqual([]);
    }
  });

  it('goes to the lead who processed the cancellation, naming its reason and outcome (2 stars alert too)', async () => {
    const c = await newCase('en');
    const { id: subscriptionId } = await addSubscription(t, c.accountId);
    const reason = await t.db
      .selectFrom('cancellation_reason_versions')
      .select(['code', 'version', 'label_de', 'label_en'])
      .where('is_selectable', '=', true)
      .orderBy('code')
      .executeTakeFirstOrThrow();
    // the cancellation as the desk leaves it (its flow is tested in its module)
    const now = t.clock.now();
    await t.db
      .insertInto('cancellation_requests')
      .values({
        id: newId('can', now),
        reference: `KND-LR${Math.random().toString(36).slice(2, 8)}`,
        case_id: c.caseId,
        account_id: c.accountId,
        subscription_id: subscriptionId,
        status: 'cancelled',
        reason_code: reason.code,
        reason_version: reason.version,
        customer_words: 'Zu teuer.',
        processed_at: now,
        processed_by: erin.id,
        created_by: agent.user.id,
        created_at: now,
        updated_at: now,
      })
      .execute();
    const { link } = await surveyLink(c.caseId);
    expect((await answer(link, { rating: '2' })).statusCode).toBe(200);
    const alerts = await alertsOf(c.caseId);
    expect(alerts.map((m) => m.to_address)).toEqual([erin.email]);
    expect(alerts[0]!.text_body).toContain(`- Cancellation – reason: ${reason.label_en}; outcome: cancelled`);
    expect(alerts[0]!.text_body).toContain('The customer left no comment.');
    expect(alerts[0]!.subject).toBe(`Low rating: 2 of 5 stars on case ${c.caseNumber}`);
  });

  it('goes to the lead the case is assigned to when no lead decided (an agent did, or nobody)', async () => {
    const c = await newCase('de', erin.id);
    const { link } = await surveyLink(c.caseId);
    expect((await answer(link, { rating: '1', comment: 'Schlecht.' })).statusCode).toBe(200);
    const alerts = await alertsOf(c.caseId);
    expect(alerts.map((m) => m.to_address)).toEqual([erin.email]);
    expect(alerts[0]!.text_body).toContain('You get this message because the case is assigned to you.');
    expect(alerts[0]!.text_body).toContain('This case has no refund or cancellation request.');
  });

  it('goes to every active lead, each in their language, when no lead decided or is assigned', async () => {
    const c = await newCase('de', agent.user.id);
    const { link } = await surveyLink(c.caseId);
    expect((await answer(link, { rating: '1' })).statusCode).toBe(200);
    const leads = await activeLeads();
    expect(leads.length).toBeGreaterThanOrEqual(2);
    const alerts = await alertsOf(c.caseId);
    expect(alerts.map((m) => [m.to_address, m.language])).toEqual(
      leads.map((l) => [l.email, l.locale]).sort((a, b) => a[0]!.localeCompare(b[0]!)),
    );
    const german = alerts.find((m) => m.to_address === lead.user.email)!;
    expect(german.subject).toBe(`Niedrige Bewertung: 1 von 5 Sternen zu Vorgang ${c.caseNumber}`);
    expect(german.text_body).toContain(
      'Sie erhalten diese Nachricht wie alle Teamleitungen, weil keine Teamleitung in diesem Vorgang entschieden hat.',
    );
    expect(alerts.find((m) => m.to_address === erin.email)!.subject).toBe(
      `Low rating: 1 of 5 stars on case ${c.caseNumber}`,
    );
  });

  it('passes over a deciding lead who has left: the case then goes to every active lead', async () => {
    const gone = await newLead('Gerd Gegangen', `gerd-${Date.now()}@kulanz.test`, 'de');
    const c = await newCase('de');
    await decidedException(c, gone.client, 'approve');
    const off = await admin.patch(`/api/admin/staff/${gone.id}`, { isActive: false });
    expect(off.status, JSON.stringify(off.body)).toBe(200);
    const { link } = await surveyLink(c.caseId);
    expect((await answer(link, { rating: '1' })).statusCode).toBe(200);
    const alerts = await alertsOf(c.caseId);
    expect(alerts.map((m) => m.to_address)).not.toContain(gone.email);
    expect(alerts).toHaveLength((await activeLeads()).length);
    expect(alerts[0]!.text_body).toMatch(/outcome: approved|Ergebnis: genehmigt/);
  });

  it('alerts once of 20 answers racing on one link, and a repeated alert step queues nothing', async () => {
    const c = await newCase('de');
    await decidedException(c, erin.client, 'deny');
    const { surveyId, link } = await surveyLink(c.caseId);
    const before = await t.db
      .selectFrom('audit_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('action', '=', 'message.queued')
      .where('case_id', '=', c.caseId)
      .executeTakeFirstOrThrow();
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => answer(link, { rating: '1', comment: `Nr. ${i}` }, '10.78.0.1')),
    );
    const statuses = answers.map((a) => a.statusCode);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    const alerts = await alertsOf(c.caseId);
    expect(alerts.map((m) => m.to_address)).toEqual([erin.email]);
    const winner = answers.findIndex((a) => a.statusCode === 200);
    expect(alerts[0]!.text_body).toContain(`> Nr. ${winner}\n`);
    const after = await t.db
      .selectFrom('audit_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('action', '=', 'message.queued')
      .where('case_id', '=', c.caseId)
      .executeTakeFirstOrThrow();
    expect(Number(after.n) - Number(before.n)).toBe(1);

    // the outbox key guards the alert by itself: the step run again for this survey queues nothing
    const again = await t.db.transaction().execute((trx) =>
      alertLowRating(trx, t.systemDeps(), {
        surveyId,
        caseId: c.caseId,
        accountId: c.accountId,
        rating: 1,
        comment: 'noch einmal',
      }),
    );
    expect(again).toEqual({ rule: 'decider', queuedFor: [] });
    expect(await alertsOf(c.caseId)).toHaveLength(1);
  });

  it('answers a bad form with 400 and alerts nobody', async () => {
    const c = await newCase('de');
    await decidedException(c, erin.client, 'deny');
    const { link } = await surveyLink(c.caseId);
    for (const rating of ['', '0', '6', '1.5', 'eins']) {
      const res = await answer(link, { rating, comment: 'schlecht' });
      expect(res.statusCode, rating).toBe(400);
      expect(res.body).toContain('Bitte wählen Sie eine Bewertung');
    }
    const tooLong = await answer(link, { rating: '1', comment: 'x'.repeat(20_001) });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.headers['content-type']).toContain('text/html');
    const survey = await t.db
      .selectFrom('surveys')
      .select(['state', 'rating'])
      .where('case_id', '=', c.caseId)
      .executeTakeFirstOrThrow();
    expect(survey).toEqual({ state: 'sent', rating: null });
    expect(await alertsOf(c.caseId)).toEqual([]);
  });
});
