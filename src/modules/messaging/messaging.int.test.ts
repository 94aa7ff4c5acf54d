import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countAuditEvents, createAccount, createCase } from '../../../test/factories';
import { startTestApp, type TestApp, type TestClient } from '../../../test/harness';
import { startSmtpSink } from '../../../test/smtp-sink';
import { openDatabase } from '../../db/database';
import { createDeliveryWorker, type MailTransport, mailboxTransport, smtpTransport as openSmtp } from '.';

let t: TestApp;
let agent: TestClient;
let admin: TestClient;
let sink: Awaited<ReturnType<typeof startSmtpSink>>;

beforeAll(async () => {
  t = await startTestApp({ now: '2026-05-04T09:00:00Z' });
  agent = await t.login('agent');
  admin = await t.login('admin');
  sink = await startSmtpSink();
});
const transports: MailTransport[] = [];
/** Pooled SMTP connections are closed after the file, so the sink can shut down. */
function smtpTransport(url: string): MailTransport {
  const transport = openSmtp(url);
  transports.push(transport);
  return transport;
}

afterAll(async () => {
  for (const transport of transports) transport.close();
  await sink.close();
  await t.close();
});

async function caseFor(input: { language: 'de' | 'en'; email?: string | null; firstName?: string }) {
  const account = await createAccount(t, {
    language: input.language,
    firstName: input.firstName ?? 'Jürgen',
    lastName: 'Weiß',
    email:
      input.email === undefined ? `kunde-${Math.random().toString(36).slice(2)}@example.de` : input.email,
  });
  return { account, kase: await createCase(t, account.id) };
}

function receivedFor(messageId: string) {
  return sink.received.filter((m) => m.parsed.headers.get('x-kulanz-message-id') === messageId);
}

const auditCount = () => countAuditEvents(t);

/** A port nobody listens on: SMTP is "down". */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe('case messages over real SMTP', () => {
  it('queues in the transaction, delivers once, in the customer language, with both parts filled', async () => {
    const { account, kase } = await caseFor({ language: 'de' });
    const res = await agent.post(`/api/cases/${kase.id}/messages`, {
      body: 'wie besprochen haben wir Ihre Adresse geändert.',
    });
    expect(res.status).toBe(201);
    expect(res.body.state).toBe('queued');

    const worker = createDeliveryWorker({ db: t.db, clock: t.clock, transport: smtpTransport(sink.url) });
    expect(await worker.runOnce()).toBeGreaterThanOrEqual(1);
    const mails = receivedFor(res.body.id);
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail.envelope.to).toEqual([account.email]);
    expect(mail.parsed.subject).toBe(`Ihr Anliegen ${kase.caseNumber}`);
    expect(mail.parsed.headers.get('content-language')).toBe('de');
    expect(mail.parsed.text).toContain('Guten Tag Jürgen Weiß,');
    expect(mail.parsed.text).toContain('wie besprochen haben wir Ihre Adresse geändert.');
    expect(mail.parsed.text).toContain(`Kundennummer: ${account.accountNumber}`);
    expect(mail.parsed.text).not.toContain('{{');
    expect(mail.parsed.html).toContain('Guten Tag Jürgen Weiß,');
    expect(mail.parsed.html).toContain('Kulanz Demo GmbH');

    const onCase = await agent.get(`/api/cases/${kase.id}/messages`);
    expect(onCase.body.items).toHaveLength(1);
    expect(onCase.body.items[0]).toMatchObject({ state: 'sent', transport: 'smtp', to: account.email });
    expect(onCase.body.items[0].text).toBe(mail.parsed.text?.replace(/\n$/, ''));

    expect(await worker.runOnce()).toBe(0);
    expect(receivedFor(res.body.id)).toHaveLength(1);
  });

  it('writes to an English customer in English, and escapes what the agent typed in the HTML part', async () => {
    const { kase } = await caseFor({ language: 'en', firstName: 'Mary' });
    const res = await agent.post(`/api/cases/${kase.id}/messages`, {
      body: 'Your refund <b>is</b> on its way.',
    });
    expect(res.status).toBe(201);
    await createDeliveryWorker({ db: t.db, clock: t.clock, transport: smtpTransport(sink.url) }).runOnce();
    const mail = receivedFor(res.body.id)[0]!;
    expect(mail.parsed.subject).toBe(`Your request ${kase.caseNumber}`);
    expect(mail.parsed.text).toContain('Dear Mary Weiß,');
    expect(mail.parsed.text).toContain('Your refund <b>is</b> on its way.');
    expect(mail.parsed.html).toContain('Your refund &lt;b&gt;is&lt;');
    expect(mail.parsed.html).not.toContain('<b>is</b>');
  });

  it('never queues twice for a retried request with the same Idempotency-Key', async () => {
    const { kase } = await caseFor({ language: 'de' });
    const headers = { 'idempotency-key': 'retry-key-0001' };
    const first = await agent.post(`/api/cases/${kase.id}/messages`, { body: 'Hallo' }, headers);
    const second = await agent.post(`/api/cases/${kase.id}/messages`, { body: 'Hallo' }, headers);
    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    expect(second.body.id).toBe(first.body.id);
    const other = await agent.post(`/api/cases/${kase.id}/messages`, { body: 'Etwas anderes' }, headers);
    expect(other.status).toBe(409);
    expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const rows = await t.db
      .selectFrom('outbox_messages')
      .select('id')
      .where('case_id', '=', kase.id)
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('refuses bad input, unknown cases and customers without e-mail, and changes nothing', async () => {
    const { kase } = await caseFor({ language: 'de' });
    const before = await auditCount();
    const empty = await agent.post(`/api/cases/${kase.id}/messages`, {});
    expect(empty.status).toBe(400);
    expect(empty.body.field).toBe('body.body');
    const huge = await agent.post(`/api/cases/${kase.id}/messages`, { body: 'x'.repeat(10_001) });
    expect(huge.status).toBe(400);
    expect(huge.body.field).toBe('body.body');
    const unknown = await agent.post('/api/cases/case_nope/messages', { body: 'Hallo' });
    expect(unknown.status).toBe(404);
    const { kase: noMail } = await caseFor({ language: 'de', email: null });
    const noRecipient = await agent.post(`/api/cases/${noMail.id}/messages`, { body: 'Hallo' });
    expect(noRecipient.status).toBe(409);
    expect(noRecipient.body.code).toBe('MESSAGE_NO_RECIPIENT');
    expect(await auditCount()).toBe(before);
  });
});

describe('delivery survives crashes and outages', () => {
  it('delivers a message queued before a crash once the next worker starts, exactly once', async () => {
    const { kase } = await caseFor({ language: 'de' });
    const res = await agent.post(`/api/cases/${kase.id}/messages`, { body: 'vor dem Absturz' });
    // the first process dies before its worker ever ran
    const dead = createDeliveryWorker({ db: t.db, clock: t.clock, transport: smtpTransport(sink.url) });
    await dead.stop();
    expect(receivedFor(res.body.id)).toHaveLength(0);
    const next = createDeliveryWorker({ db: t.db, clock: t.clock, transport: smtpTransport(sink.url) });
    await next.runOnce();
    await next.runOnce();
    expect(receivedFor(res.body.id)).toHaveLength(1);
  });

  it('queues a message again when the worker that claimed it died mid-send', async () => {
    const { kase } = await caseFor({ language: 'de' });
    const res = await agent.post(`/api/cases/${kase.id}/messages`, { body: 'mitten im Versand' });
    await t.db
      .updateTable('outbox_messages')
      .set({ state: 'sending', attempts: 1, locked_until: new Date(t.clock.now().getTime() + 300_000) })
      .where('id', '=', res.body.id)
      .execute();
    const worker = createDeliveryWorker({ db: t.db, clock: t.clock, transport: smtpTransport(sink.url) });
    await worker.runOnce();
    expect(receivedFor(res.body.id)).toHaveLength(0); // still within the other worker's claim
    t.clock.advance(301_000);
    await worker.runOnce();
    expect(receivedFor(res.body.id)).toHaveLength(1);
  });

  it('retries with backoff while SMTP is down, then fails visibly; an admin retry delivers once', async () => {
    const { kase } = await caseFor({ language: 'en' });
    const res = await agent.post(`/api/cases/${kase.id}/messages`, { body: 'while the mail server is down' });
    const down = createDeliveryWorker({
      db: t.db,
      clock: t.clock,
      transport: smtpTransport(`smtp://127.0.0.1:${await closedPort()}`),
    });
    const states: string[] = [];
    for (let i = 0; i < 5; i++) {
      await down.runOnce();
      const row = await t.db
        .selectFrom('outbox_messages')
        .selectAll()
        .where('id', '=', res.body.id)
        .executeTakeFirstOrThrow();
      states.push(`${row.state}:${row.attempts}`);
      if (row.state === 'queued') {
        expect(row.next_attempt_at.getTime()).toBeGreaterThan(t.clock.now().getTime());
        expect(row.last_error).toBeTruthy();
        await down.runOnce(); // not due yet: no new attempt
        const again = await t.db
          .selectFrom('outbox_messages')
          .select('attempts')
          .where('id', '=', res.body.id)
          .executeTakeFirstOrThrow();
        expect(again.attempts).toBe(row.attempts);
        t.clock.advance(row.next_attempt_at.getTime() - t.clock.now().getTime());
      }
    }
    expect(states).toEqual(['queued:1', 'queued:2', 'queued:3', 'queued:4', 'failed:5']);

    const failed = await admin.get('/api/mailbox?state=failed');
    expect(failed.body.items.map((m: { id: string }) => m.id)).toContain(res.body.id);
    expect((await agent.post(`/api/admin/messages/${res.body.id}/retry`)).status).toBe(403);
    const retried = await admin.post(`/api/admin/messages/${res.body.id}/retry`);
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ state: 'queued', attempts: 0 });
    expect((await admin.post(`/api/admin/messages/${res.body.id}/retry`)).body.code).toBe(
      'MESSAGE_NOT_RETRYABLE',
    );

    const up = createDeliveryWorker({ db: t.db, clock: t.clock, transport: smtpTransport(sink.url) });
    await up.runOnce();
    await up.runOnce();
    expect(receivedFor(res.body.id)).toHaveLength(1);
    const actions = await t.db
      .selectFrom('audit_events')
      .select('action')
      .where('entity_id', '=', res.body.id)
      .orderBy('id')
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      'message.queued',
      'message.retry_scheduled',
      'message.retry_scheduled',
      'message.retry_scheduled',
      'message.retry_scheduled',
      'message.failed',
      'message.retried',
      'message.sent',
    ]);
  });

  it('lets two workers drain one outbox together and delivers every message exactly once', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      const { kase } = await caseFor({ language: i % 2 ? 'de' : 'en' });
      ids.push((await agent.post(`/api/cases/${kase.id}/messages`, { body: `Nachricht ${i}` })).body.id);
    }
    // on PostgreSQL the second worker has its own connection pool, like a second app instance
    const second = t.database.url
      ? await openDatabase({ databaseUrl: t.database.url, poolSize: 3 })
      : undefined;
    try {
      const a = createDeliveryWorker({
        db: t.db,
        clock: t.clock,
        transport: smtpTransport(sink.url),
        concurrency: 3,
      });
      const b = createDeliveryWorker({
        db: second?.db ?? t.db,
        clock: t.clock,
        transport: smtpTransport(sink.url),
        concurrency: 3,
      });
      const [na, nb] = await Promise.all([a.runOnce(), b.runOnce()]);
      expect(na + nb).toBeGreaterThanOrEqual(ids.length);
      for (const id of ids) expect(receivedFor(id)).toHaveLength(1);
    } finally {
      await second?.close();
    }
  });

  it('keeps messages in the built-in mailbox when no SMTP server is configured', async () => {
    const { kase } = await caseFor({ language: 'de' });
    const res = await agent.post(`/api/cases/${kase.id}/messages`, { body: 'ins Postfach' });
    await createDeliveryWorker({ db: t.db, clock: t.clock, transport: mailboxTransport() }).runOnce();
    const box = await admin.get('/api/mailbox');
    const mine = box.body.items.find((m: { id: string }) => m.id === res.body.id);
    expect(mine).toMatchObject({ state: 'sent', transport: 'mailbox' });
    const full = await agent.get(`/api/messages/${res.body.id}`);
    expect(full.body.text).toContain('ins Postfach');
    expect((await agent.get('/api/mailbox')).status).toBe(403);
  });
});

describe('templates', () => {
  it('refuses a template with an unknown variable or broken syntax and keeps the old one', async () => {
    const before = await auditCount();
    const unknown = await admin.put('/api/admin/templates/case_closed/de', {
      subject: 'Hallo {{customer.vorname}}',
      text: 'Text',
      html: '<p>Text</p>',
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.code).toBe('TEMPLATE_INVALID');
    expect(unknown.body.field).toBe('body.subject');
    expect(unknown.body.detail).toContain('customer.vorname');
    const broken = await admin.put('/api/admin/templates/case_closed/de', {
      subject: 'Hallo',
      text: '{{#customer.firstName}} offen',
      html: '<p>Text</p>',
    });
    expect(broken.status).toBe(400);
    expect(broken.body.field).toBe('body.text');
    expect(
      (await admin.get('/api/admin/templates')).body.items.find(
        (i: { kind: string; language: string }) => i.kind === 'case_closed' && i.language === 'de',
      ).isCustomized,
    ).toBe(false);
    expect(await auditCount()).toBe(before);
    expect((await agent.get('/api/admin/templates')).status).toBe(403);
  });

  it('previews a draft against a real case, saves it, and uses it for the next message', async () => {
    const { kase } = await caseFor({ language: 'en', firstName: 'Oliver' });
    const draft = {
      subject: 'News on {{case.number}} for {{customer.firstName}}',
      text: 'Hi {{customer.firstName}}: {{message.body}}',
      html: '<p>Hi {{customer.firstName}}: {{message.body}}</p>',
    };
    const preview = await admin.post('/api/admin/templates/preview', {
      kind: 'case_update',
      language: 'en',
      caseNumber: kase.caseNumber,
      ...draft,
    });
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(preview.body).toMatchObject({ language: 'en', usesDraft: true, caseNumber: kase.caseNumber });
    expect(preview.body.subject).toBe(`News on ${kase.caseNumber} for Oliver`);
    const saved = await admin.put('/api/admin/templates/case_update/en', draft);
    expect(saved.status).toBe(200);
    expect(saved.body.isCustomized).toBe(true);
    const sent = await agent.post(`/api/cases/${kase.id}/messages`, { body: 'all done' });
    expect(sent.body.subject).toBe(`News on ${kase.caseNumber} for Oliver`);
    const full = await agent.get(`/api/messages/${sent.body.id}`);
    expect(full.body.text).toBe('Hi Oliver: all done');
    const reset = await admin.delete('/api/admin/templates/case_update/en');
    expect(reset.body.isCustomized).toBe(false);
  });

  it('previews for a case given by its number, however it is typed, and names the field for an unknown one', async () => {
    const { account } = await caseFor({ language: 'de', firstName: 'Greta' });
    const opened = await agent.post('/api/cases', {
      accountId: account.id,
      type: 'inquiry',
      channel: 'phone',
    });
    const kase = { id: opened.body.id as string, caseNumber: opened.body.caseNumber as string };
    expect(kase.caseNumber).toMatch(/^C-\d+$/);
    const digits = kase.caseNumber.replace(/^C-/, '');
    const draft = {
      kind: 'case_closed',
      language: 'de',
      subject: '{{case.number}}',
      text: '{{customer.firstName}}',
      html: '<p>x</p>',
    };
    for (const typed of [kase.caseNumber, kase.caseNumber.toLowerCase(), ` ${digits} `, `C ${digits}`]) {
      const res = await admin.post('/api/admin/templates/preview', { ...draft, caseNumber: typed });
      expect(res.status, typed).toBe(200);
      expect(res.body).toMatchObject({
        subject: kase.caseNumber,
        text: 'Greta',
        caseNumber: kase.caseNumber,
      });
    }
    for (const typed of ['C-99999999', 'case_nope', kase.id]) {
      const res = await admin.post('/api/admin/templates/preview', { ...draft, caseNumber: typed });
      expect(res.status, typed).toBe(404);
      expect(res.body).toMatchObject({ code: 'CASE_NOT_FOUND', field: 'body.caseNumber' });
    }
    // no case number: sample data in the template's own language
    const sample = await admin.post('/api/admin/templates/preview', { ...draft, caseNumber: '' });
    expect(sample.body).toMatchObject({
      subject: 'C-1000',
      text: 'Erika',
      caseNumber: null,
      usesDraft: true,
    });
  });

  it("renders the whole preview in the customer's language, also when the draft is in the other one", async () => {
    const { account, kase } = await caseFor({ language: 'de', firstName: 'Greta' });
    const english = (await admin.get('/api/admin/templates')).body.items.find(
      (i: { kind: string; language: string }) => i.kind === 'case_update' && i.language === 'en',
    );
    const preview = await admin.post('/api/admin/templates/preview', {
      kind: 'case_update',
      language: 'en',
      caseNumber: kase.caseNumber,
      subject: english.subject,
      text: english.text,
      html: english.html,
    });
    expect(preview.status).toBe(200);
    // a German customer gets the German template: that is what the preview shows, and says so
    expect(preview.body).toMatchObject({ language: 'de', usesDraft: false, caseNumber: kase.caseNumber });
    expect(preview.body.subject).toBe(`Ihr Anliegen ${kase.caseNumber}`);
    expect(preview.body.text.startsWith('Guten Tag Greta Weiß,')).toBe(true);
    expect(preview.body.text).toContain('wie besprochen haben wir Ihre Adresse geändert.');
    expect(preview.body.text).toContain(`Kundennummer: ${account.accountNumber}`);
    expect(preview.body.text).toContain('Freundliche Grüße');
    for (const english of ['Dear', 'as agreed', 'Account number', 'Kind regards'])
      expect(preview.body.text + preview.body.html).not.toContain(english);
  });

  it('says what is wrong with a template in words a client can translate', async () => {
    const base = { subject: 'Hallo', text: 'Text', html: '<p>Text</p>' };
    const cases: Array<[Partial<typeof base>, object]> = [
      [
        { subject: 'Hallo {{customer.vorname}}' },
        { part: 'subject', reason: 'unknown_variable', variable: 'customer.vorname' },
      ],
      [
        { text: '{{#customer.firstName}} offen' },
        { part: 'text', reason: 'unclosed_section', variable: 'customer.firstName' },
      ],
      [
        { html: '<p>{{/case.number}}</p>' },
        { part: 'html', reason: 'unopened_section', variable: 'case.number' },
      ],
      [{ text: 'Hallo {{customer.firstName' }, { part: 'text', reason: 'unclosed_tag' }],
      [
        { html: '{{{customer.firstName}}}' },
        { part: 'html', reason: 'unescaped', variable: 'customer.firstName' },
      ],
      [{ subject: '{{> header}}' }, { part: 'subject', reason: 'partial' }],
      [{ subject: '  ' }, { part: 'subject', reason: 'empty' }],
    ];
    for (const [change, problem] of cases) {
      const res = await admin.post('/api/admin/templates/preview', {
        kind: 'case_closed',
        language: 'de',
        ...base,
        ...change,
      });
      expect(res.status, JSON.stringify(change)).toBe(400);
      expect(res.body.code).toBe('TEMPLATE_INVALID');
      expect(res.body.problems[0]).toMatchObject(problem);
    }
  });
});
