import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentedOperations } from '../../../test/api/route-table';
import { exampleFor } from '../../../test/api/schema-values';
import { type ApiWorld, buildWorld } from '../../../test/api/world';
import { clearValuesIn, encodingsOf } from '../../../test/clear-values';
import { createAccount } from '../../../test/factories';
import { startTestApp, type TestApp, type TestClient } from '../../../test/harness';
import { startSmtpSink } from '../../../test/smtp-sink';
import { MASK_EARLIER_MESSAGES } from '../../db/migrations/0012-outbox-clear-parts';
import { runSqlScript } from '../../db/sql-script';
import { newId, newToken } from '../../platform/ids';
import { createDeliveryWorker, smtpTransport } from '.';

// Insiders: an agent who can read the e-mail code they just had sent can "verify" any caller, and
// staff who can read a survey link can answer the survey themselves. Every staff API that returns
// message content shows such secrets masked, before and after delivery; the customer's mail server
// receives them in clear, and they still work.

let t: TestApp;
let world: ApiWorld;
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
let agent: TestClient;
/** The case the agent sends an e-mail code on, and what was sent. */
const code = { caseId: '', accountId: '', messageId: '', value: '' };
/** The survey the world sent, and its e-mail. */
const survey = { caseId: '', messageId: '', token: '' };

beforeAll(async () => {
  t = await startTestApp({ now: '2026-05-04T09:00:00Z' });
  sink = await startSmtpSink();
  world = await buildWorld(t);
  agent = world.clients.agent;
  const account = await createAccount(t, { language: 'de', email: `insider-${Date.now()}@example.de` });
  const opened = await agent.post('/api/cases', { accountId: account.id, type: 'inquiry', channel: 'phone' });
  expect(opened.status).toBe(201);
  Object.assign(code, { caseId: opened.body.id, accountId: account.id });
  const sent = await agent.post(`/api/cases/${code.caseId}/verification/email-code`);
  expect(sent.status).toBe(201);
  code.messageId = (
    await t.db
      .selectFrom('outbox_messages')
      .select('id')
      .where('case_id', '=', code.caseId)
      .where('kind', '=', 'verification_code')
      .executeTakeFirstOrThrow()
  ).id;
  // the test knows the secrets it looks for: the code from the copy waiting for delivery, the link from the world
  // (where the copy is missing, masking failed and the row itself holds the code: the sweep will say so)
  const clear =
    (await t.db
      .selectFrom('outbox_clear_parts')
      .select('subject')
      .where('message_id', '=', code.messageId)
      .executeTakeFirst()) ??
    (await t.db
      .selectFrom('outbox_messages')
      .select('subject')
      .where('id', '=', code.messageId)
      .executeTakeFirstOrThrow());
  code.value = /\b(\d{6})\b/.exec(clear.subject)![1]!;
  survey.token = world.surveyPath.replace('/s/', '');
  const surveyRow = await t.db
    .selectFrom('surveys')
    .selectAll()
    .where('id', '=', world.surveyId)
    .executeTakeFirstOrThrow();
  Object.assign(survey, { caseId: surveyRow.case_id, messageId: surveyRow.message_id });
  expect(sent.body).not.toHaveProperty('code');
  expect(JSON.stringify(sent.body)).not.toContain(code.value);
});

afterAll(async () => {
  await sink.close();
  await t.close();
});

/** Where the live code or survey token shows in an answer: as a whole word, in any encoding, or the token anywhere. */
function liveSecretsIn(body: unknown): string[] {
  const text = JSON.stringify(body ?? null);
  const found = clearValuesIn(body, encodingsOf(code.value, survey.token));
  if (new RegExp(`(?<![0-9A-Za-z])${code.value}(?![0-9A-Za-z])`).test(text)) found.push('the e-mail code');
  if (text.includes(survey.token)) found.push('the survey token');
  return found;
}

/** Every documented GET, by every role, with each id of the kind its path takes. */
async function readEverything(): Promise<Array<{ call: string; status: number; body: unknown }>> {
  const ids: Record<string, string[]> = {
    case: [code.caseId, survey.caseId, world.ids.case],
    acc: [code.accountId, world.ids.acc],
    msg: [code.messageId, survey.messageId, world.ids.msg],
    note: [world.ids.note],
    cmt: [world.ids.cmt],
    usr: [world.ids.usr],
    rep: [world.ids.rep],
    rfr: [world.ids.rfr],
    cnc: [world.ids.cnc],
    ofr: [world.ids.ofr],
  };
  const answers: Array<{ call: string; status: number; body: unknown }> = [];
  const operations = (await documentedOperations(t.app)).filter(
    (op) => op.method === 'GET' && op.path.startsWith('/api/'),
  );
  expect(operations.map((op) => op.key)).toEqual(
    expect.arrayContaining(['listCaseMessages', 'getMessage', 'listMailboxMessages', 'getCaseTimeline']),
  );
  for (const op of operations) {
    const idParam = op.parameters.find((p) => p.in === 'path');
    const prefix = /^([a-z]+)_… id$/.exec(idParam?.description ?? '')?.[1];
    const paths = idParam
      ? (ids[prefix ?? ''] ?? []).map((id) => op.path.replace(`{${idParam.name}}`, encodeURIComponent(id)))
      : [op.path];
    expect(paths.length, `${op.key}: which ids does ${idParam?.description} take?`).toBeGreaterThan(0);
    const query = new URLSearchParams();
    for (const p of op.parameters.filter((q) => q.in === 'query' && q.required))
      query.set(p.name, String(exampleFor(p.schema, () => undefined)));
    for (const path of paths)
      for (const [role, client] of Object.entries(world.clients)) {
        const url = query.size ? `${path}?${query}` : path;
        const res = await client.get(url);
        answers.push({ call: `${role} GET ${url}`, status: res.status, body: res.body });
      }
  }
  return answers;
}

function expectNoLiveSecrets(answers: Array<{ call: string; status: number; body: unknown }>) {
  const leaks = answers.flatMap((a) => liveSecretsIn(a.body).map((where) => `${a.call}: ${where}`));
  expect(leaks).toEqual([]);
  expect(answers.filter((a) => a.status >= 500).map((a) => a.call)).toEqual([]);
}

describe('secrets in messages, as staff see them', () => {
  it('are masked in every staff API while the messages wait for delivery', async () => {
    const answers = await readEverything();
    expectNoLiveSecrets(answers);
    // and the sweep did read the messages, masked
    const detail = await agent.get(`/api/messages/${code.messageId}`);
    expect(detail.body).toMatchObject({ subject: 'Ihr Bestätigungscode: ••••••', secretsMasked: true });
    expect(detail.body.text).toContain('Ihr Bestätigungscode lautet ••••••.');
    expect(detail.body.html).toContain('••••••');
    const surveyMail = await agent.get(`/api/messages/${survey.messageId}`);
    expect(surveyMail.body.text).toContain('http://kulanz.test/s/••••••••');
    expect(surveyMail.body.html).toContain('••••••••');
    const mailbox = await world.clients.lead.get('/api/mailbox?limit=200');
    expect(mailbox.body.items.map((m: { id: string }) => m.id)).toEqual(
      expect.arrayContaining([code.messageId, survey.messageId]),
    );
  });

  it('reach the customer in clear over SMTP, where the code verifies the caller and the link opens the survey', async () => {
    const transport = smtpTransport(sink.url);
    try {
      await createDeliveryWorker({ db: t.db, clock: t.clock, transport }).runOnce();
    } finally {
      transport.close();
    }
    const mailOf = (id: string) =>
      sink.received.find((m) => m.parsed.headers.get('x-kulanz-message-id') === id)!;
    const codeMail = mailOf(code.messageId);
    expect(codeMail.parsed.subject).toBe(`Ihr Bestätigungscode: ${code.value}`);
    expect(codeMail.parsed.text).toContain(`Ihr Bestätigungscode lautet ${code.value}.`);
    expect(codeMail.parsed.html).toContain(code.value);
    const surveyMail = mailOf(survey.messageId);
    expect(surveyMail.parsed.text).toContain(`http://kulanz.test/s/${survey.token}`);
    expect(surveyMail.parsed.html).toContain(survey.token);

    // after delivery only the masked copy is left
    const left = await t.db
      .selectFrom('outbox_clear_parts')
      .select('message_id')
      .where('message_id', 'in', [code.messageId, survey.messageId])
      .execute();
    expect(left).toEqual([]);

    const verified = await agent.post(`/api/cases/${code.caseId}/verification`, {
      subject: { type: 'holder' },
      answers: { email_code: code.value, postal_code: '10115' },
    });
    expect(verified.body).toMatchObject({ result: 'verified', matched: 2 });
    const form = await t.app.inject({ method: 'GET', url: world.surveyPath });
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('<form method="post"');
  });

  it('stay masked in every staff API once sent, and when an admin sends a failed one again', async () => {
    expectNoLiveSecrets(await readEverything());
    await t.db
      .updateTable('outbox_messages')
      .set({ state: 'failed', last_error: 'mailbox full' })
      .where('id', '=', code.messageId)
      .execute();
    const retried = await world.clients.admin.post(`/api/admin/messages/${code.messageId}/retry`);
    expect(retried.status).toBe(200);
    expect(retried.body.subject).toBe('Ihr Bestätigungscode: ••••••');
    expect(liveSecretsIn(retried.body)).toEqual([]);
  });

  it('are masked in messages queued before the upgrade too, which still reach the customer in clear', async () => {
    const now = t.clock.now();
    const token = newToken(32);
    const earlier = (
      kind: string,
      state: 'queued' | 'sent',
      subject: string,
      text: string,
      html: string,
    ) => ({
      id: newId('msg', now),
      kind,
      account_id: code.accountId,
      case_id: code.caseId,
      to_address: 'earlier@example.de',
      language: 'de' as const,
      subject,
      text_body: text,
      html_body: html,
      state,
      next_attempt_at: now,
      locked_until: null,
      last_error: null,
      idempotency_key: null,
      request_hash: null,
      transport: state === 'sent' ? ('smtp' as const) : null,
      provider_message_id: null,
      created_by: null,
      created_at: now,
      sent_at: state === 'sent' ? now : null,
    });
    const queuedCode = earlier(
      'verification_code',
      'queued',
      'Ihr Bestätigungscode: 654321',
      'Ihr Bestätigungscode lautet 654321. Er gilt 10 Minuten.',
      '<p>Ihr Bestätigungscode lautet <strong>654321</strong>.</p>',
    );
    const sentSurvey = earlier(
      'follow_up_survey',
      'sent',
      'Wie zufrieden waren Sie mit uns?',
      `Zur Umfrage: http://kulanz.test/s/${token}`,
      `<a href="http:&#x2F;&#x2F;kulanz.test&#x2F;s&#x2F;${token}">Zur Umfrage</a>`,
    );
    await t.db.insertInto('outbox_messages').values([queuedCode, sentSurvey]).execute();
    // what 0012 runs on the messages it finds; twice, as nothing may change the second time
    await runSqlScript(t.db, MASK_EARLIER_MESSAGES);
    await runSqlScript(t.db, MASK_EARLIER_MESSAGES);

    const shown = await agent.get(`/api/cases/${code.caseId}/messages`);
    const byId = new Map(shown.body.items.map((m: { id: string }) => [m.id, m]));
    expect(byId.get(queuedCode.id)).toMatchObject({
      subject: 'Ihr Bestätigungscode: ••••••',
      text: 'Ihr Bestätigungscode lautet ••••••. Er gilt 10 Minuten.',
      html: '<p>Ihr Bestätigungscode lautet <strong>••••••</strong>.</p>',
    });
    expect(byId.get(sentSurvey.id)).toMatchObject({
      text: 'Zur Umfrage: http://kulanz.test/s/••••••••',
      html: '<a href="http:&#x2F;&#x2F;kulanz.test&#x2F;s&#x2F;••••••••">Zur Umfrage</a>',
    });
    expect(JSON.stringify(shown.body)).not.toContain('654321');
    expect(JSON.stringify(shown.body)).not.toContain(token);
    // the sent one keeps no clear copy; the queued one is delivered as it was written
    const copies = await t.db
      .selectFrom('outbox_clear_parts')
      .select('message_id')
      .where('message_id', 'in', [queuedCode.id, sentSurvey.id])
      .execute();
    expect(copies.map((c) => c.message_id)).toEqual([queuedCode.id]);
    const transport = smtpTransport(sink.url);
    try {
      await createDeliveryWorker({ db: t.db, clock: t.clock, transport }).runOnce();
    } finally {
      transport.close();
    }
    const mail = sink.received.find((m) => m.parsed.headers.get('x-kulanz-message-id') === queuedCode.id)!;
    expect(mail.parsed.subject).toBe('Ihr Bestätigungscode: 654321');
    expect(mail.parsed.text).toContain('lautet 654321.');
  });
});
