import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clearValuesIn, encodingsOf } from '../../../test/clear-values';
import { countAuditEvents, createAccount, createCase, DEFAULT_SECRETS } from '../../../test/factories';
import { startDesk, type TestApp, type TestClient } from '../../../test/harness';
import { MINUTE } from '../../platform/clock';
import { assertCaseVerified } from '.';
import { normalizeFactor } from './factor-hash';
import type { VerificationFactor } from './verification-settings';

let t: TestApp;
let agent: TestClient;
let lead: TestClient;

beforeAll(async () => {
  ({ t, agent, lead } = await startDesk({ now: '2026-05-04T09:00:00Z' }));
});
afterAll(() => t?.close());

const REP_SECRETS = { date_of_birth: '1975-11-30', postal_code: '80331' };

async function setup() {
  const account = await createAccount(t, {
    email: `v-${Math.random().toString(36).slice(2)}@example.de`,
    secrets: DEFAULT_SECRETS,
    representatives: [
      {
        firstName: 'Paula',
        lastName: 'Vollmacht',
        canCancel: false,
        canRequestRefunds: true,
        secrets: REP_SECRETS,
      },
    ],
  });
  const kase = await createCase(t, account.id);
  return { account, kase, repId: account.representatives[0]!.id };
}

const verify = (caseId: string, answers: Record<string, string>, subject: object = { type: 'holder' }) =>
  agent.post(`/api/cases/${caseId}/verification`, { subject, answers });

const right = { date_of_birth: '07.03.1980', postal_code: '10115' };
const wrong = { date_of_birth: '08.03.1980', postal_code: '99999' };

const auditCount = () => countAuditEvents(t);

describe('verifying the caller', () => {
  it('verifies the holder with two matching factors written any common way, for this case only', async () => {
    const { account, kase } = await setup();
    const res = await verify(kase.id, { date_of_birth: '7. März 1980', postal_code: ' 10115 ' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      result: 'verified',
      matched: 2,
      required: 2,
      state: { state: 'verified', subjectType: 'holder', canCancel: true },
    });
    expect(new Date(res.body.state.expiresAt).getTime() - t.clock.now().getTime()).toBe(30 * MINUTE);
    const other = await createCase(t, account.id);
    expect((await agent.get(`/api/cases/${other.id}`)).body.verification.state).toBe('unverified');
    const guard = await assertCaseVerified(t.db, t.clock, {
      caseId: kase.id,
      accountId: account.id,
      action: 'cancel',
    });
    expect(guard.subjectType).toBe('holder');
  });

  it('counts failures without saying which factor was wrong, locks on the third, and opens again after 15 minutes', async () => {
    const { account, kase } = await setup();
    const first = await verify(kase.id, { date_of_birth: '07.03.1980', postal_code: '99999' });
    expect(first.body).toMatchObject({ result: 'failed', matched: 1, remainingAttempts: 2 });
    expect(JSON.stringify(first.body)).not.toContain('postal_code');
    expect((await verify(kase.id, wrong)).body).toMatchObject({ result: 'failed', remainingAttempts: 1 });
    const third = await verify(kase.id, wrong);
    expect(third.body).toMatchObject({ result: 'locked', remainingAttempts: 0 });
    expect(new Date(third.body.lockedUntil).getTime()).toBe(t.clock.now().getTime() + 15 * MINUTE);

    const attemptsBefore = await t.db
      .selectFrom('verification_attempts')
      .select('id')
      .where('case_id', '=', kase.id)
      .execute();
    const auditBefore = await auditCount();
    const whileLocked = await verify(kase.id, right);
    expect(whileLocked.status).toBe(423);
    expect(whileLocked.body.code).toBe('VERIFICATION_LOCKED');
    const attemptsAfter = await t.db
      .selectFrom('verification_attempts')
      .select('id')
      .where('case_id', '=', kase.id)
      .execute();
    expect(attemptsAfter).toHaveLength(attemptsBefore.length);
    expect(await auditCount()).toBe(auditBefore);
    const view = await agent.get(`/api/accounts/${account.id}`);
    expect(view.body.account.verification).toMatchObject({ locked: true });
    expect(view.body.account.verification.flaggedAt).toBeTruthy();

    t.clock.advance(15 * MINUTE);
    expect((await verify(kase.id, right)).body.result).toBe('verified');
  });

  it('expires after the configured lifetime, and the guard then refuses changes', async () => {
    const { account, kase } = await setup();
    await verify(kase.id, right);
    t.clock.advance(30 * MINUTE);
    await expect(
      assertCaseVerified(t.db, t.clock, { caseId: kase.id, accountId: account.id, action: 'change' }),
    ).rejects.toMatchObject({
      code: 'VERIFICATION_EXPIRED',
    });
    expect((await agent.get(`/api/cases/${kase.id}`)).body.verification.state).toBe('expired');
  });

  it('verifies a representative with their own data and holds them to their scopes', async () => {
    const { account, kase, repId } = await setup();
    const holderData = await verify(kase.id, right, { type: 'representative', representativeId: repId });
    expect(holderData.body.result).toBe('failed');
    const res = await verify(
      kase.id,
      { date_of_birth: '30.11.1975', postal_code: '80331' },
      { type: 'representative', representativeId: repId },
    );
    expect(res.body.state).toMatchObject({
      state: 'verified',
      subjectType: 'representative',
      representativeName: 'Paula Vollmacht',
      canCancel: false,
      canRequestRefunds: true,
    });
    await expect(
      assertCaseVerified(t.db, t.clock, { caseId: kase.id, accountId: account.id, action: 'cancel' }),
    ).rejects.toMatchObject({
      code: 'REPRESENTATIVE_SCOPE_MISSING',
    });
    await expect(
      assertCaseVerified(t.db, t.clock, { caseId: kase.id, accountId: account.id, action: 'refund' }),
    ).resolves.toMatchObject({
      representativeId: repId,
    });
    await t.db
      .updateTable('account_representatives')
      .set({ revoked_at: t.clock.now() })
      .where('id', '=', repId)
      .execute();
    const revoked = await verify(
      kase.id,
      { date_of_birth: '30.11.1975', postal_code: '80331' },
      { type: 'representative', representativeId: repId },
    );
    expect(revoked.status).toBe(404);
    expect(revoked.body.field).toBe('body.subject.representativeId');
  });

  it('accepts the e-mail code read out by the caller as one factor', async () => {
    const { kase } = await setup();
    expect((await agent.post(`/api/cases/${kase.id}/verification/email-code`)).status).toBe(201);
    // the code waits for delivery in the message's clear copy (staff read it masked)
    const message = await t.db
      .selectFrom('outbox_messages')
      .innerJoin('outbox_clear_parts', 'outbox_clear_parts.message_id', 'outbox_messages.id')
      .select('outbox_clear_parts.subject')
      .where('case_id', '=', kase.id)
      .executeTakeFirstOrThrow();
    const code = /(\d{6})/.exec(message.subject)![1]!;
    const res = await verify(kase.id, { email_code: code, postal_code: '10115' });
    expect(res.body).toMatchObject({ result: 'verified', matched: 2 });
  });

  it('lets a lead, not an agent, override with a written reason, and unlock a locked account', async () => {
    const { account, kase } = await setup();
    const byAgent = await agent.post(`/api/cases/${kase.id}/verification/override`, {
      reason: 'Kunde persönlich bekannt',
    });
    expect(byAgent.status).toBe(403);
    const short = await lead.post(`/api/cases/${kase.id}/verification/override`, { reason: 'ok' });
    expect(short.status).toBe(400);
    expect(short.body.field).toBe('body.reason');
    const ok = await lead.post(`/api/cases/${kase.id}/verification/override`, {
      reason: 'Kunde ist vor Ort im Shop, Ausweis geprüft',
    });
    expect(ok.body.state).toMatchObject({ state: 'override', canCancel: true });
    const audit = await t.db
      .selectFrom('audit_events')
      .selectAll()
      .where('case_id', '=', kase.id)
      .where('action', '=', 'verification.overridden')
      .executeTakeFirstOrThrow();
    expect(audit.actor_id).toBe(lead.user.id);
    expect(audit.changes).toMatchObject({ reason: 'Kunde ist vor Ort im Shop, Ausweis geprüft' });

    const other = await createCase(t, account.id);
    for (let i = 0; i < 3; i++) await verify(other.id, wrong);
    expect(
      (
        await agent.post(`/api/accounts/${account.id}/verification/unlock`, {
          reason: 'Kunde hat sich vertippt',
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await lead.post(`/api/accounts/${account.id}/verification/unlock`, {
          reason: 'Kunde hat sich vertippt',
        })
      ).status,
    ).toBe(204);
    expect((await verify(other.id, right)).body.result).toBe('verified');
    expect(
      (await lead.post(`/api/accounts/${account.id}/verification/unlock`, { reason: 'nochmal entsperren' }))
        .body.code,
    ).toBe('VERIFICATION_NOT_LOCKED');
  });

  it('shows the panel: rules, subjects with their factors, and attempts without the answers', async () => {
    const { kase, repId } = await setup();
    await verify(kase.id, wrong);
    const panel = await agent.get(`/api/cases/${kase.id}/verification`);
    expect(panel.body.config).toEqual({
      factors: expect.arrayContaining(['date_of_birth', 'email_code']),
      required: 2,
      ttlMinutes: 30,
    });
    expect(panel.body.subjects[0]).toMatchObject({
      type: 'holder',
      factors: expect.arrayContaining(['date_of_birth', 'security_answer', 'email_code']),
    });
    expect(panel.body.subjects[1]).toMatchObject({
      type: 'representative',
      id: repId,
      factors: ['date_of_birth', 'postal_code'],
    });
    expect(panel.body.attempts[0]).toMatchObject({
      factors: ['date_of_birth', 'postal_code'],
      matched: 0,
      succeeded: false,
    });
    expect(panel.body.lock.remainingAttempts).toBe(2);
  });

  it('never stores or logs what the caller said in clear', async () => {
    const { account, kase } = await setup();
    const said = { date_of_birth: '07.03.1980', security_answer: 'Blauer Elefant' } as const;
    await verify(kase.id, said);
    const secrets = await t.db
      .selectFrom('verification_secrets')
      .selectAll()
      .where('account_id', '=', account.id)
      .execute();
    const audit = await t.db
      .selectFrom('audit_events')
      .selectAll()
      .where('account_id', '=', account.id)
      .execute();
    const attempts = await t.db
      .selectFrom('verification_attempts')
      .selectAll()
      .where('account_id', '=', account.id)
      .execute();
    // verification's own state rows too: who was verified on the case, the account's lockout
    const verifications = await t.db
      .selectFrom('case_verifications')
      .selectAll()
      .where('account_id', '=', account.id)
      .execute();
    const lockouts = await t.db
      .selectFrom('verification_lockouts')
      .selectAll()
      .where('account_id', '=', account.id)
      .execute();
    expect(secrets.length).toBeGreaterThan(0);
    expect(attempts.length).toBeGreaterThan(0);
    expect(audit.length).toBeGreaterThan(0);
    expect(verifications.length).toBeGreaterThan(0);
    // what the caller said and what is on file, as typed and as the server normalises it
    const clear: Array<[VerificationFactor, string]> = [
      ['date_of_birth', said.date_of_birth],
      ['security_answer', said.security_answer],
      ['date_of_birth', DEFAULT_SECRETS.date_of_birth],
      ['security_answer', DEFAULT_SECRETS.security_answer],
      ['id_last4', DEFAULT_SECRETS.id_last4],
    ];
    const forms = encodingsOf(
      ...clear.flatMap(([factor, value]) => [value, normalizeFactor(factor, value)!]),
    );
    expect(clearValuesIn({ secrets, audit, attempts, verifications, lockouts }, forms)).toEqual([]);
  });

  it('refuses bad input with the field named, recording nothing', async () => {
    const { kase } = await setup();
    const before = await auditCount();
    const cases: Array<[object, string]> = [
      [{ subject: { type: 'holder' }, answers: { date_of_birth: '07.03.1980' } }, 'body.answers'],
      [{ subject: { type: 'holder' }, answers: { shoe_size: '42', postal_code: '10115' } }, 'body.answers'],
      [{ subject: { type: 'boss' }, answers: right }, 'body.subject.type'],
      [
        { subject: { type: 'holder' }, answers: { ...right, security_answer: 'x'.repeat(5000) } },
        'body.answers.security_answer',
      ],
      [{ answers: right }, 'body.subject'],
    ];
    for (const [body, field] of cases) {
      const res = await agent.post(`/api/cases/${kase.id}/verification`, body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res.body.field).toBe(field);
    }
    expect(
      (await agent.post('/api/cases/case_nope/verification', { subject: { type: 'holder' }, answers: right }))
        .status,
    ).toBe(404);
    expect(await auditCount()).toBe(before);
  });
});
