import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, createCase } from '../../../test/factories';
import { startTestApp, type TestApp, type TestClient } from '../../../test/harness';
import { MINUTE } from '../../platform/clock';
import { checkEmailCode } from './email-code';

let t: TestApp;
let agent: TestClient;

beforeAll(async () => {
  t = await startTestApp({ now: '2026-06-01T10:00:00Z' });
  agent = await t.login('agent');
});
afterAll(async () => {
  await t.close();
});

async function newCase() {
  const account = await createAccount(t, {
    language: 'de',
    email: `otp-${Math.random().toString(36).slice(2)}@example.de`,
  });
  return createCase(t, account.id);
}

const sendCode = (caseId: string, key?: string) =>
  agent.post(
    `/api/cases/${caseId}/verification/email-code`,
    undefined,
    key ? { 'idempotency-key': key } : undefined,
  );

/** What the case holds after the requests: codes, queued messages and audit events by action. */
async function onCase(caseId: string) {
  const codes = await t.db
    .selectFrom('verification_email_codes')
    .select(['id', 'message_id', 'superseded_at'])
    .where('case_id', '=', caseId)
    .execute();
  // the code waits for delivery in the message's clear copy (staff read it masked)
  const messages = await t.db
    .selectFrom('outbox_messages')
    .leftJoin('outbox_clear_parts', 'outbox_clear_parts.message_id', 'outbox_messages.id')
    .select(['id', 'kind', 'outbox_clear_parts.text_body'])
    .where('case_id', '=', caseId)
    .execute();
  const audit = await t.db
    .selectFrom('audit_events')
    .select('action')
    .where('case_id', '=', caseId)
    .execute();
  const count = (action: string) => audit.filter((a) => a.action === action).length;
  return { codes, messages, sent: count('verification.email_code_sent'), queued: count('message.queued') };
}

const check = (caseId: string, code: string) =>
  t.db.transaction().execute((trx) => checkEmailCode(trx, t, { caseId, code }));

describe('e-mail code with an Idempotency-Key', () => {
  it('answers a retried request with the first code and sends, stores and audits nothing new', async () => {
    const caseId = await newCase().then((c) => c.id);
    const first = await sendCode(caseId, 'otp-retry-0001');
    const second = await sendCode(caseId, 'otp-retry-0001');
    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    expect(second.body).toEqual(first.body);

    const after = await onCase(caseId);
    expect(after.codes).toHaveLength(1);
    expect(after.codes[0]).toMatchObject({ id: first.body.id, superseded_at: null });
    expect(after.messages).toHaveLength(1);
    expect(after.codes[0]!.message_id).toBe(after.messages[0]!.id);
    expect(after.sent).toBe(1);
    expect(after.queued).toBe(1);
    // the retry did not replace the code the customer already has
    const code = /(\d{6})/.exec(after.messages[0]!.text_body!)![1]!;
    expect(await check(caseId, code)).toBe('matched');
  });

  it('treats two identical requests at the same moment as one', async () => {
    const caseId = await newCase().then((c) => c.id);
    const [a, b] = await Promise.all([sendCode(caseId, 'otp-race-0001'), sendCode(caseId, 'otp-race-0001')]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(a.body.id).toBe(b.body.id);
    const after = await onCase(caseId);
    expect(after.codes).toHaveLength(1);
    expect(after.messages).toHaveLength(1);
    expect(after.sent).toBe(1);
  });

  it('refuses the same key for another case with 409 naming the header, and sends nothing there', async () => {
    const firstCase = await newCase().then((c) => c.id);
    const otherCase = await newCase().then((c) => c.id);
    expect((await sendCode(firstCase, 'otp-reuse-0001')).status).toBe(201);
    const reused = await sendCode(otherCase, 'otp-reuse-0001');
    expect(reused.status).toBe(409);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(reused.body.field).toBe('headers.idempotency-key');
    expect(reused.body.detail).toContain('Idempotency-Key');
    const other = await onCase(otherCase);
    expect(other.codes).toHaveLength(0);
    expect(other.messages).toHaveLength(0);
    expect(other.sent + other.queued).toBe(0);
  });

  it('refuses a key already used for a written message on the same case', async () => {
    const caseId = await newCase().then((c) => c.id);
    const headers = { 'idempotency-key': 'otp-message-0001' };
    expect((await agent.post(`/api/cases/${caseId}/messages`, { body: 'Hallo' }, headers)).status).toBe(201);
    const reused = await sendCode(caseId, 'otp-message-0001');
    expect(reused.status).toBe(409);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect((await onCase(caseId)).codes).toHaveLength(0);
  });

  it('answers a retry of the third code in the window although a fourth would be refused', async () => {
    const caseId = await newCase().then((c) => c.id);
    expect((await sendCode(caseId)).status).toBe(201);
    expect((await sendCode(caseId)).status).toBe(201);
    const third = await sendCode(caseId, 'otp-third-0001');
    expect(third.status).toBe(201);
    const retry = await sendCode(caseId, 'otp-third-0001');
    expect(retry.status).toBe(200);
    expect(retry.body.id).toBe(third.body.id);
    const fourth = await sendCode(caseId, 'otp-fourth-0001');
    expect(fourth.status).toBe(429);
    expect(fourth.body.code).toBe('EMAIL_CODE_TOO_MANY');
    // the refused request left no message behind, so its key is free once the window has passed
    expect((await onCase(caseId)).messages).toHaveLength(3);
    t.clock.advance(10 * MINUTE + 1);
    expect((await sendCode(caseId, 'otp-fourth-0001')).status).toBe(201);
  });

  it('sends a new code for every request without a key, as before', async () => {
    const caseId = await newCase().then((c) => c.id);
    const first = await sendCode(caseId);
    const second = await sendCode(caseId);
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body.id).not.toBe(first.body.id);
    const after = await onCase(caseId);
    expect(after.codes).toHaveLength(2);
    expect(after.messages).toHaveLength(2);
  });

  it('refuses a key too short to be unique', async () => {
    const caseId = await newCase().then((c) => c.id);
    const res = await sendCode(caseId, 'short');
    expect(res.status).toBe(400);
    expect(res.body.field).toBe('headers.idempotency-key');
    expect((await onCase(caseId)).codes).toHaveLength(0);
  });
});
