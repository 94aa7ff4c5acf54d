import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, createCase } from '../../../test/factories';
import { startTestApp, type TestApp, type TestClient } from '../../../test/harness';
import { startSmtpSink } from '../../../test/smtp-sink';
import { MINUTE } from '../../platform/clock';
import { createDeliveryWorker, type MailTransport, smtpTransport } from '../messaging';
import { checkEmailCode } from './email-code';

let t: TestApp;
let agent: TestClient;
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
let transport: MailTransport;

beforeAll(async () => {
  t = await startTestApp({ now: '2026-06-01T10:00:00Z' });
  agent = await t.login('agent');
  sink = await startSmtpSink();
  transport = smtpTransport(sink.url);
});
afterAll(async () => {
  transport.close();
  await sink.close();
  await t.close();
});

async function newCase(email: string | null = `otp-${Math.random().toString(36).slice(2)}@example.de`) {
  const account = await createAccount(t, { language: 'de', email });
  return { account, kase: await createCase(t, account.id) };
}

/** Sends a code through the API and real SMTP, and returns the code the customer received. */
async function sendCode(caseId: string): Promise<string> {
  const res = await agent.post(`/api/cases/${caseId}/verification/email-code`);
  expect(res.status).toBe(201);
  await createDeliveryWorker({ db: t.db, clock: t.clock, transport }).runOnce();
  const mail = sink.received.filter((m) => m.parsed.subject?.startsWith('Ihr Bestätigungscode')).at(-1)!;
  return /(\d{6})/.exec(mail.parsed.subject!)![1]!;
}

const check = (caseId: string, code: string) =>
  t.db.transaction().execute((trx) => checkEmailCode(trx, t, { caseId, code }));

describe('e-mail one-time code', () => {
  it('mails a 6-digit code to the address on file and keeps only its hash', async () => {
    const { account, kase } = await newCase();
    const res = await agent.post(`/api/cases/${kase.id}/verification/email-code`);
    expect(res.status).toBe(201);
    expect(res.body.sentTo).toMatch(/^o•+@example\.de$/);
    expect(new Date(res.body.expiresAt).getTime() - t.clock.now().getTime()).toBe(10 * MINUTE);
    await createDeliveryWorker({ db: t.db, clock: t.clock, transport }).runOnce();
    const mail = sink.received.find((m) => m.envelope.to[0] === account.email)!;
    const code = /(\d{6})/.exec(mail.parsed.text!)![1]!;
    expect(mail.parsed.text).toContain('10 Minuten');
    const row = await t.db
      .selectFrom('verification_email_codes')
      .selectAll()
      .where('case_id', '=', kase.id)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(code);
    const audit = await t.db
      .selectFrom('audit_events')
      .select('changes')
      .where('case_id', '=', kase.id)
      .execute();
    expect(JSON.stringify(audit.filter((a) => !JSON.stringify(a).includes('messageId')))).not.toContain(code);
  });

  it('accepts the right code once, with spaces, and not again', async () => {
    const { kase } = await newCase();
    const code = await sendCode(kase.id);
    expect(await check(kase.id, `${code.slice(0, 3)} ${code.slice(3)}`)).toBe('matched');
    expect(await check(kase.id, code)).toBe('none');
  });

  it('counts three wrong tries, then the code is dead even if the fourth is right', async () => {
    const { kase } = await newCase();
    const code = await sendCode(kase.id);
    const wrong = code === '000000' ? '111111' : '000000';
    expect(await check(kase.id, wrong)).toBe('wrong');
    expect(await check(kase.id, wrong)).toBe('wrong');
    expect(await check(kase.id, wrong)).toBe('wrong');
    expect(await check(kase.id, code)).toBe('exhausted');
    const fresh = await sendCode(kase.id);
    expect(await check(kase.id, fresh)).toBe('matched');
  });

  it('expires after 10 minutes, and a new code replaces the old one', async () => {
    const { kase } = await newCase();
    const first = await sendCode(kase.id);
    const second = await sendCode(kase.id);
    if (first !== second) expect(await check(kase.id, first)).toBe('wrong');
    t.clock.advance(10 * MINUTE + 1);
    expect(await check(kase.id, second)).toBe('expired');
  });

  it('sends at most three codes per case in ten minutes', async () => {
    const { kase } = await newCase();
    for (let i = 0; i < 3; i++)
      expect((await agent.post(`/api/cases/${kase.id}/verification/email-code`)).status).toBe(201);
    const fourth = await agent.post(`/api/cases/${kase.id}/verification/email-code`);
    expect(fourth.status).toBe(429);
    expect(fourth.body.code).toBe('EMAIL_CODE_TOO_MANY');
    t.clock.advance(10 * MINUTE + 1);
    expect((await agent.post(`/api/cases/${kase.id}/verification/email-code`)).status).toBe(201);
  });

  it('refuses accounts without e-mail and unknown cases, sending nothing', async () => {
    const { kase } = await newCase(null);
    const before = sink.received.length;
    const res = await agent.post(`/api/cases/${kase.id}/verification/email-code`);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('EMAIL_CODE_NO_EMAIL');
    expect((await agent.post('/api/cases/case_nope/verification/email-code')).status).toBe(404);
    const queued = await t.db
      .selectFrom('outbox_messages')
      .select('id')
      .where('case_id', '=', kase.id)
      .execute();
    expect(queued).toHaveLength(0);
    expect(sink.received.length).toBe(before);
  });
});
