import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, createCase } from '../../../test/factories';
import { startTestApp, type TestApp, type TestClient } from '../../../test/harness';

let t: TestApp;
let agent: TestClient;
let admin: TestClient;

beforeAll(async () => {
  t = await startTestApp();
  agent = await t.login('agent');
  admin = await t.login('admin');
});
afterAll(() => t.close());

describe('settings', () => {
  it('starts from the defaults: all factors, two required, 30 minutes, lock after 3 for 15', async () => {
    const res = await agent.get('/api/settings');
    expect(res.body.verification).toMatchObject({
      required: 2,
      ttlMinutes: 30,
      maxFailures: 3,
      lockMinutes: 15,
    });
    expect(res.body.verification.factors).toHaveLength(6);
    expect(res.body.desk.companyName).toBe('Kulanz Demo GmbH');
  });

  it('lets only admins change the rules, audits the change, and the verification follows them', async () => {
    const body = { factors: ['date_of_birth', 'security_answer', 'id_last4'], required: 3, ttlMinutes: 15 };
    expect((await agent.put('/api/admin/settings/verification', body)).status).toBe(403);
    const res = await admin.put('/api/admin/settings/verification', body);
    expect(res.status).toBe(200);
    expect(res.body.verification).toMatchObject(body);
    const audit = await t.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'settings.updated')
      .executeTakeFirstOrThrow();
    expect(audit.changes).toMatchObject({ from: { required: 2 }, to: { required: 3 } });

    const account = await createAccount(t, {});
    const kase = await createCase(t, account.id);
    const disabled = await agent.post(`/api/cases/${kase.id}/verification`, {
      subject: { type: 'holder' },
      answers: { date_of_birth: '07.03.1980', postal_code: '10115', id_last4: '4711' },
    });
    expect(disabled.status).toBe(400);
    expect(disabled.body.field).toBe('body.answers.postal_code');
    const two = await agent.post(`/api/cases/${kase.id}/verification`, {
      subject: { type: 'holder' },
      answers: { date_of_birth: '07.03.1980', id_last4: '4711' },
    });
    expect(two.body.field).toBe('body.answers');
    const ok = await agent.post(`/api/cases/${kase.id}/verification`, {
      subject: { type: 'holder' },
      answers: { date_of_birth: '07.03.1980', id_last4: '4711', security_answer: 'blauer elefant' },
    });
    expect(ok.body).toMatchObject({ result: 'verified', required: 3 });
    expect(new Date(ok.body.state.expiresAt).getTime() - t.clock.now().getTime()).toBe(15 * 60_000);
  });

  it('refuses rules that cannot work and desk texts that are not valid, changing nothing', async () => {
    const before = (await agent.get('/api/settings')).body;
    const tooMany = await admin.put('/api/admin/settings/verification', {
      factors: ['date_of_birth'],
      required: 2,
      ttlMinutes: 30,
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.field).toBe('body.required');
    const unknown = await admin.put('/api/admin/settings/verification', {
      factors: ['shoe_size'],
      required: 1,
      ttlMinutes: 30,
    });
    expect(unknown.body.field).toBe('body.factors.0');
    const mail = await admin.put('/api/admin/settings/desk', {
      ...before.desk,
      supportEmail: 'not-an-address',
    });
    expect(mail.body.field).toBe('body.supportEmail');
    expect((await agent.get('/api/settings')).body).toEqual(before);
  });

  it('puts the desk texts into customer messages', async () => {
    const desk = {
      companyName: 'Fahrrad Fröhlich GmbH',
      supportEmail: 'hilfe@fahrrad.example',
      supportPhone: '+49 40 555',
      signatureDe: 'Ihr Fahrrad-Team',
      signatureEn: 'Your bike team',
    };
    expect((await admin.put('/api/admin/settings/desk', desk)).status).toBe(200);
    const account = await createAccount(t, { email: 'desk@example.de' });
    const kase = await createCase(t, account.id);
    const sent = await agent.post(`/api/cases/${kase.id}/messages`, { body: 'Hallo' });
    const full = await agent.get(`/api/messages/${sent.body.id}`);
    expect(full.body.text).toContain('Ihr Fahrrad-Team');
    expect(full.body.text).toContain('Fahrrad Fröhlich GmbH');
  });
});
