import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, createCase, DEFAULT_SECRETS } from '../../../test/factories';
import { startTestApp, type TestApp, type TestClient } from '../../../test/harness';
import { MINUTE } from '../../platform/clock';
import { LOCKOUT } from '.';

// Every limit of verification holds when 20 requests arrive at once: the e-mail code window, one
// code per Idempotency-Key, and the lockout after the third failure in a row.

let t: TestApp;
let agent: TestClient;

beforeAll(async () => {
  t = await startTestApp({ now: '2026-07-01T10:00:00Z' });
  agent = await t.login('agent');
});
afterAll(() => t.close());

const PARALLEL = 20;

async function newCase() {
  const account = await createAccount(t, {
    email: `par-${Math.random().toString(36).slice(2)}@example.de`,
    secrets: DEFAULT_SECRETS,
  });
  return { account, kase: await createCase(t, account.id) };
}

const sendCode = (caseId: string, key?: string) =>
  agent.post(
    `/api/cases/${caseId}/verification/email-code`,
    undefined,
    key ? { 'idempotency-key': key } : undefined,
  );

const verify = (caseId: string, answers: Record<string, string>) =>
  agent.post(`/api/cases/${caseId}/verification`, { subject: { type: 'holder' }, answers });

async function onCase(caseId: string) {
  const codes = await t.db
    .selectFrom('verification_email_codes')
    .select('id')
    .where('case_id', '=', caseId)
    .execute();
  const messages = await t.db
    .selectFrom('outbox_messages')
    .select('id')
    .where('case_id', '=', caseId)
    .where('kind', '=', 'verification_code')
    .execute();
  const audit = await t.db
    .selectFrom('audit_events')
    .select('action')
    .where('case_id', '=', caseId)
    .execute();
  return { codes, messages, actions: audit.map((a) => a.action) };
}

const count = <T>(items: T[], pick: (item: T) => boolean) => items.filter(pick).length;

describe('verification under 20 parallel requests', () => {
  it('sends exactly three e-mail codes on a case, however many ask at once', async () => {
    const { kase } = await newCase();
    const answers = await Promise.all(Array.from({ length: PARALLEL }, () => sendCode(kase.id)));
    expect(count(answers, (r) => r.status === 201)).toBe(3);
    expect(count(answers, (r) => r.status === 429)).toBe(PARALLEL - 3);
    for (const refused of answers.filter((r) => r.status === 429))
      expect(refused.body).toMatchObject({ code: 'EMAIL_CODE_TOO_MANY', field: 'params.id' });
    const after = await onCase(kase.id);
    expect(after.codes).toHaveLength(3);
    expect(after.messages).toHaveLength(3);
    expect(count(after.actions, (a) => a === 'verification.email_code_sent')).toBe(3);
  });

  it('sends one code and one message for the same Idempotency-Key sent 20 times at once', async () => {
    const { kase } = await newCase();
    const key = `par-key-${Math.random().toString(36).slice(2)}`;
    const answers = await Promise.all(Array.from({ length: PARALLEL }, () => sendCode(kase.id, key)));
    expect(count(answers, (r) => r.status === 201)).toBe(1);
    expect(count(answers, (r) => r.status === 200)).toBe(PARALLEL - 1);
    expect(new Set(answers.map((r) => r.body.id)).size).toBe(1);
    const after = await onCase(kase.id);
    expect(after.codes).toHaveLength(1);
    expect(after.messages).toHaveLength(1);
    expect(count(after.actions, (a) => a === 'verification.email_code_sent')).toBe(1);
    expect(count(after.actions, (a) => a === 'message.queued')).toBe(1);
  });

  it('counts exactly three failures of 20 wrong answers at once, locks once, and refuses the rest with 423', async () => {
    const { account, kase } = await newCase();
    const wrong = { date_of_birth: '08.03.1980', postal_code: '99999' };
    const answers = await Promise.all(Array.from({ length: PARALLEL }, () => verify(kase.id, wrong)));
    expect(count(answers, (r) => r.status === 200 && r.body.result === 'failed')).toBe(
      LOCKOUT.maxFailures - 1,
    );
    expect(count(answers, (r) => r.status === 200 && r.body.result === 'locked')).toBe(1);
    expect(count(answers, (r) => r.status === 423)).toBe(PARALLEL - LOCKOUT.maxFailures);
    const attempts = await t.db
      .selectFrom('verification_attempts')
      .select('succeeded')
      .where('account_id', '=', account.id)
      .execute();
    expect(attempts).toHaveLength(LOCKOUT.maxFailures);
    expect(attempts.every((a) => !a.succeeded)).toBe(true);
    const { actions } = await onCase(kase.id);
    expect(count(actions, (a) => a === 'verification.failed')).toBe(LOCKOUT.maxFailures - 1);
    expect(count(actions, (a) => a === 'verification.locked')).toBe(1);
    const view = await agent.get(`/api/accounts/${account.id}`);
    expect(view.body.account.verification).toMatchObject({ locked: true });
    expect(new Date(view.body.account.verification.lockedUntil).getTime()).toBe(
      t.clock.now().getTime() + LOCKOUT.lockMinutes * MINUTE,
    );
  });
});

describe('the lockout when nothing is configured', () => {
  it('locks on the third failure in a row for 15 minutes and says so with the settings', async () => {
    const settings = await agent.get('/api/settings');
    expect(settings.body.verification).toMatchObject({ maxFailures: 3, lockMinutes: 15 });
    const { kase } = await newCase();
    const wrong = { date_of_birth: '08.03.1980', postal_code: '99999' };
    expect((await verify(kase.id, wrong)).body).toMatchObject({ result: 'failed', remainingAttempts: 2 });
    expect((await verify(kase.id, wrong)).body).toMatchObject({ result: 'failed', remainingAttempts: 1 });
    const third = await verify(kase.id, wrong);
    expect(third.body.result).toBe('locked');
    expect(new Date(third.body.lockedUntil).getTime() - t.clock.now().getTime()).toBe(15 * MINUTE);
  });
});

describe('the security answer through the verify API', () => {
  it('matches however the caller says it: case, spaces and accents do not matter', async () => {
    for (const said of ['blauer elefant', '  BLAUER   ELEFANT ', 'Blàuer Éléfant', 'blauerelefant']) {
      const { kase } = await newCase();
      const res = await verify(kase.id, { security_answer: said, id_last4: '4711' });
      expect(res.status, said).toBe(200);
      expect(res.body, said).toMatchObject({ result: 'verified', matched: 2 });
    }
  });

  it('does not match another answer that only looks alike', async () => {
    const { kase } = await newCase();
    const res = await verify(kase.id, { security_answer: 'Blauer Elefanten', id_last4: '4711' });
    expect(res.body).toMatchObject({ result: 'failed', matched: 1 });
  });
});
