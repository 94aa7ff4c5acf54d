import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPaidOrder, countAuditEvents, createAccountWithCase, markVerified } from '../../../test/factories';
import { startDesk, type TestApp, type TestClient } from '../../../test/harness';
import { startSmtpSink } from '../../../test/smtp-sink';
import { DAY } from '../../platform/clock';
import { type PaymentProvider, registerPaymentProvider } from '../billing';
import { createDeliveryWorker, type MailTransport, smtpTransport as openSmtp } from '../messaging';

// What the customer hears of a refund decision: one message through the outbox in the decision's
// transaction, in the account's language, delivered over real SMTP; the agent's phone script and
// the drafted account note beside it.

let t: TestApp;
let agent: TestClient;
let lead: TestClient;
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
let unplug: () => void;
const transports: MailTransport[] = [];

const NOW = '2026-05-04T09:00:00Z';
const NBSP = '\u00a0';

const failingBank: PaymentProvider = {
  name: 'failing-bank-messages',
  async refund() {
    return { status: 'failed', providerRef: null, failureReason: 'card expired' };
  },
};

beforeAll(async () => {
  ({ t, agent, lead } = await startDesk({ now: NOW }));
  sink = await startSmtpSink();
  unplug = registerPaymentProvider(failingBank);
});
afterAll(async () => {
  unplug();
  for (const transport of transports) transport.close();
  await sink.close();
  await t.close();
});

async function deliver() {
  const transport = openSmtp(sink.url);
  transports.push(transport);
  await createDeliveryWorker({ db: t.db, clock: t.clock, transport }).runOnce();
}

/** A verified case with a paid order `daysAgo` days old (3: inside the withdrawal period). */
async function paidCase(input: {
  language: 'de' | 'en';
  totalMinor: number;
  daysAgo?: number;
  provider?: string;
}) {
  const { account, kase } = await createAccountWithCase(t, { language: input.language });
  await markVerified(t, kase.id);
  const { paymentId } = await addPaidOrder(t, account.id, {
    totalMinor: input.totalMinor,
    orderedAt: new Date(t.clock.now().getTime() - (input.daysAgo ?? 3) * DAY),
    provider: input.provider,
  });
  return { account, caseId: kase.id, caseNumber: kase.caseNumber, paymentId };
}

async function intake(c: { caseId: string; paymentId: string }, body: Record<string, unknown>) {
  const res = await agent.post(`/api/cases/${c.caseId}/refund-requests`, {
    paymentId: c.paymentId,
    reasonCode: 'not_satisfied',
    customerWords: 'Das passt leider nicht.',
    mood: 'calm',
    currency: 'EUR',
    ...body,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; status: string };
}

/** A goodwill request (bought 90 days ago) in the exceptions queue. */
async function queued(language: 'de' | 'en', mood = 'angry') {
  const c = await paidCase({ language, totalMinor: 10_000, daysAgo: 90 });
  const r = await intake(c, { requestedMinor: 10_000, reasonCode: 'poor_support', mood });
  if (r.status === 'evaluated')
    expect((await agent.post(`/api/refund-requests/${r.id}/escalate`, {})).status).toBe(200);
  return { ...c, id: r.id };
}

const decide = (client: TestClient, id: string, body: Record<string, unknown>) =>
  client.post(`/api/refund-requests/${id}/decision`, { note: 'Geprüft', ...body });

const outboxOf = (caseId: string) =>
  t.db.selectFrom('outbox_messages').selectAll().where('case_id', '=', caseId).orderBy('id').execute();
const mailsTo = (address: string | null) =>
  sink.received.filter((m) => m.envelope.to.includes(address ?? ''));

describe('the decision reaches the customer', () => {
  it('sends a German customer exactly one German e-mail with the amount, method and arrival', async () => {
    const c = await paidCase({ language: 'de', totalMinor: 1234 });
    const r = await intake(c, { requestedMinor: 1234 });
    const res = await decide(agent, r.id, { action: 'approve' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.status).toBe('executed');
    expect(res.body.script.join(' ')).toContain(`12,34${NBSP}€`);
    await deliver();
    const mails = mailsTo(c.account.email);
    expect(mails).toHaveLength(1);
    const mail = mails[0]!.parsed;
    expect(mail.headers.get('content-language')).toBe('de');
    expect(mail.subject).toBe(`Ihre Erstattung zu ${c.caseNumber} ist bewilligt`);
    expect(mail.text).toContain(`wir erstatten Ihnen 12,34${NBSP}€ auf Ihr ursprüngliches Zahlungsmittel.`);
    expect(mail.text).toContain('in 5–10 Werktagen');
    expect(mail.text).toContain(`Vorgang: ${c.caseNumber}`);
    expect(mail.text).not.toContain('{{');
    const onCase = await agent.get(`/api/cases/${c.caseId}/messages`);
    expect(onCase.body.items.map((m: { kind: string; state: string }) => [m.kind, m.state])).toEqual([
      ['refund_approved', 'sent'],
    ]);
  });

  it('writes to an English customer in English, and store credit is there at once', async () => {
    const c = await paidCase({ language: 'en', totalMinor: 1234 });
    const r = await intake(c, { requestedMinor: 1234 });
    const res = await decide(agent, r.id, { action: 'approve', method: 'store_credit' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.script[0]).toBe('Thank you for getting in touch with us.');
    await deliver();
    const [mail] = mailsTo(c.account.email);
    expect(mail!.parsed.headers.get('content-language')).toBe('en');
    expect(mail!.parsed.text).toContain('we are refunding €12.34 as store credit on your account.');
    expect(mail!.parsed.text).toContain('The credit is available to you right away.');
  });

  it('names the reasons in plain words and the alternative of a denial, without internal scores or signals', async () => {
    const r = await queued('de');
    const res = await decide(lead, r.id, { action: 'deny', alternative: { kind: 'exchange' } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.script[0]).toMatch(/verärgert/);
    await deliver();
    const [mail] = mailsTo(r.account.email);
    const text = mail!.parsed.text!;
    expect(text).toContain('Eine Erstattung können wir leider nicht gewähren:');
    expect(text).toContain('Gerne bieten wir Ihnen stattdessen einen Umtausch an.');
    expect(text).not.toMatch(/Punkt|Score|Signal|Freigabe|Kulanz in 12 Monaten/i);
  });

  it('tells the customer what happens next when the bank refuses the refund', async () => {
    const c = await paidCase({ language: 'de', totalMinor: 2000, provider: failingBank.name });
    const r = await intake(c, { requestedMinor: 2000 });
    const res = await decide(agent, r.id, { action: 'approve' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.status).toBe('failed');
    expect((await outboxOf(c.caseId)).map((m) => m.kind)).toEqual(['refund_failed']);
    await deliver();
    expect(mailsTo(c.account.email)[0]!.parsed.text).toContain('Wir melden uns bei Ihnen');
  });
});

describe('exactly once', () => {
  it('sends no second message for a second decision (409)', async () => {
    const c = await paidCase({ language: 'de', totalMinor: 1500 });
    const r = await intake(c, { requestedMinor: 1500 });
    expect((await decide(agent, r.id, { action: 'approve' })).status).toBe(200);
    const again = await decide(agent, r.id, { action: 'approve' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('REFUND_ALREADY_DECIDED');
    expect(await outboxOf(c.caseId)).toHaveLength(1);
  });

  it('sends one message for 20 concurrent decisions of one request', async () => {
    const r = await queued('en');
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        decide(lead, r.id, { action: 'deny', alternative: { kind: 'discount' } }),
      ),
    );
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    expect(answers.filter((a) => a.status !== 200).map((a) => a.status)).toEqual(Array(19).fill(409));
    expect(await outboxOf(r.caseId)).toHaveLength(1);
  });

  it.each([
    ['a denial without an alternative (400)', 'lead', { action: 'deny' }, 400],
    ['an agent deciding in the queue (403)', 'agent', { action: 'approve' }, 403],
    ['an unknown action (400)', 'lead', { action: 'refund_twice' }, 400],
  ] as const)('enqueues nothing and writes no audit row for %s', async (_name, who, body, status) => {
    const r = await queued('de');
    const before = await countAuditEvents(t);
    const res = await decide(who === 'lead' ? lead : agent, r.id, body);
    expect(res.status).toBe(status);
    expect(await outboxOf(r.caseId)).toEqual([]);
    expect(await countAuditEvents(t)).toBe(before);
  });
});

describe('the script and the note draft', () => {
  it('gives the phone script of a decided request, and none before the decision', async () => {
    const r = await queued('en', 'upset');
    const open = await agent.get(`/api/refund-requests/${r.id}/script`);
    expect(open.status).toBe(200);
    expect(open.body).toEqual({ language: 'en', mood: 'upset', lines: null });
    await decide(lead, r.id, { action: 'deny', alternative: { kind: 'store_credit' } });
    const decided = await agent.get(`/api/refund-requests/${r.id}/script`);
    expect(decided.body.lines[0]).toMatch(/frustrating/);
    expect(decided.body.lines[1]).toContain('store credit for your next purchase');
  });

  it('drafts the account note in the agent’s language, which the notes API then saves', async () => {
    const c = await paidCase({ language: 'en', totalMinor: 4200 });
    const r = await intake(c, { requestedMinor: 4200 });
    await decide(agent, r.id, { action: 'approve' });
    // the customer is English; the agent works in German
    await t.db.updateTable('staff_users').set({ locale: 'de' }).where('id', '=', agent.user.id).execute();
    const draft = await agent.get(`/api/refund-requests/${r.id}/note-draft`);
    expect(draft.status, JSON.stringify(draft.body)).toBe(200);
    expect(draft.body.language).toBe('de');
    expect(draft.body.contactReason).toMatch(/^Erstattungswunsch: /);
    expect(draft.body.commitments).toHaveLength(1);
    expect(draft.body.commitments[0].description).toBe('Erstattung in 5–10 Werktagen prüfen');
    // 4 May 2026 is a Monday: 10 working days later is Monday 18 May
    expect(draft.body.commitments[0].dueOn).toBe('2026-05-18');
    const saved = await agent.post('/api/notes', {
      accountId: draft.body.accountId,
      caseId: draft.body.caseId,
      contactReason: draft.body.contactReason,
      actionsTaken: draft.body.actionsTaken,
      commitments: draft.body.commitments,
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(201);
    await t.db.updateTable('staff_users').set({ locale: 'en' }).where('id', '=', agent.user.id).execute();
    const english = await agent.get(`/api/refund-requests/${r.id}/note-draft`);
    expect(english.body.commitments[0].description).toBe('Check the refund arrived within 5–10 working days');
  });
});
