import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, createCase } from '../../../test/factories';
import { startDesk, type TestApp, type TestClient } from '../../../test/harness';
import { DEMO_LOGINS } from '../../demo/seed-demo';

let t: TestApp;
let agent: TestClient;
let admin: TestClient;
beforeAll(async () => {
  ({ t, agent, admin } = await startDesk());
});
afterAll(() => t?.close());

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
    expect(res.body.desk.greeting).toEqual({ de: 'Guten Tag', en: 'Dear' });
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

  it('requires at least one factor the agent cannot see on the screen, in German and English, changing nothing', async () => {
    const before = (await agent.get('/api/settings')).body;
    // the factor list comes with the settings, each one saying whether the agent sees it anyway
    expect(before.verification.availableFactors).toEqual([
      { factor: 'date_of_birth', shownToAgent: false },
      { factor: 'postal_code', shownToAgent: true },
      { factor: 'id_last4', shownToAgent: false },
      { factor: 'full_name', shownToAgent: true },
      { factor: 'security_answer', shownToAgent: false },
      { factor: 'email_code', shownToAgent: false },
    ]);
    const auditBefore = await t.db
      .selectFrom('audit_events')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('action', '=', 'settings.updated')
      .executeTakeFirstOrThrow();
    const onlyShown = { factors: ['full_name', 'postal_code'], required: 2, ttlMinutes: 30 };
    const creds = DEMO_LOGINS.find((l) => l.role === 'admin')!;
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: creds.email, password: creds.password },
    });
    const refused = await admin.put('/api/admin/settings/verification', onlyShown);
    expect(refused.status).toBe(400);
    expect(refused.body.field).toBe('body.factors');
    expect(refused.body.detail).toContain('at least one factor the agent cannot see');
    expect(login.statusCode).toBe(200);
    const de = await t.app.inject({
      method: 'PUT',
      url: '/api/admin/settings/verification',
      headers: {
        cookie: String(login.headers['set-cookie']).split(';')[0]!,
        'x-csrf-token': login.json().csrfToken,
        'accept-language': 'de',
      },
      payload: onlyShown,
    });
    expect(de.statusCode).toBe(400);
    expect(de.json().field).toBe('body.factors');
    expect(de.json().detail).toContain('mindestens ein Merkmal');
    // one hidden factor beside the shown ones is enough
    const withHidden = {
      factors: ['full_name', 'postal_code', 'date_of_birth'],
      required: 2,
      ttlMinutes: 30,
    };
    expect((await admin.put('/api/admin/settings/verification', withHidden)).status).toBe(200);
    await admin.put('/api/admin/settings/verification', {
      factors: before.verification.factors,
      required: before.verification.required,
      ttlMinutes: before.verification.ttlMinutes,
    });
    const auditAfter = await t.db
      .selectFrom('audit_events')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('action', '=', 'settings.updated')
      .executeTakeFirstOrThrow();
    // the refused saves left no trace: only the two accepted ones are audited
    expect(Number(auditAfter.n) - Number(auditBefore.n)).toBe(2);
    expect((await agent.get('/api/settings')).body).toEqual(before);
  });

  it('puts the desk texts into customer messages', async () => {
    const desk = {
      companyName: 'Fahrrad Fröhlich GmbH',
      supportEmail: 'hilfe@fahrrad.example',
      supportPhone: '+49 40 555',
      signatureDe: 'Ihr Fahrrad-Team',
      signatureEn: 'Your bike team',
      greeting: { de: 'Moin', en: 'Hi' },
    };
    expect((await admin.put('/api/admin/settings/desk', desk)).status).toBe(200);
    const account = await createAccount(t, { email: 'desk@example.de' });
    const kase = await createCase(t, account.id);
    const sent = await agent.post(`/api/cases/${kase.id}/messages`, { body: 'Hallo' });
    const full = await agent.get(`/api/messages/${sent.body.id}`);
    expect(full.body.text).toContain('Ihr Fahrrad-Team');
    expect(full.body.text).toContain('Fahrrad Fröhlich GmbH');
  });

  it('lets an admin change the greeting per language, audited, and agents cannot', async () => {
    const before = (await agent.get('/api/settings')).body;
    const desk = { ...before.desk, greeting: { de: '  Hallo  ', en: 'Good day' } };
    const refused = await agent.put('/api/admin/settings/desk', desk);
    expect(refused.status).toBe(403);
    expect((await agent.get('/api/settings')).body).toEqual(before);

    const res = await admin.put('/api/admin/settings/desk', desk);
    expect(res.status).toBe(200);
    expect(res.body.desk.greeting).toEqual({ de: 'Hallo', en: 'Good day' });
    expect(res.body.desk.companyName).toBe(before.desk.companyName);
    expect((await agent.get('/api/settings')).body.desk.greeting).toEqual({ de: 'Hallo', en: 'Good day' });
    const audits = await t.db
      .selectFrom('audit_events')
      .select('changes')
      .where('action', '=', 'settings.updated')
      .where('entity_id', '=', 'desk')
      .orderBy('id', 'desc')
      .execute();
    expect(audits[0]!.changes).toMatchObject({
      from: { greeting: before.desk.greeting },
      to: { greeting: { de: 'Hallo', en: 'Good day' } },
    });
  });

  it.each([
    ['too long', { de: 'G'.repeat(61), en: 'Hello' }, 'body.greeting.de'],
    ['empty', { de: 'Guten Tag', en: '   ' }, 'body.greeting.en'],
    ['not a string', { de: 'Guten Tag', en: 42 }, 'body.greeting.en'],
    ['a template tag', { de: 'Guten Tag {{customer.firstName}}', en: 'Hello' }, 'body.greeting.de'],
    ['a closing tag', { de: 'Guten Tag', en: 'Hello }}' }, 'body.greeting.en'],
    ['two lines', { de: 'Guten\nTag', en: 'Hello' }, 'body.greeting.de'],
    ['an unknown language', { de: 'Guten Tag', en: 'Hello', fr: 'Bonjour' }, 'body.greeting'],
    ['a string instead of both languages', 'Hallo', 'body.greeting'],
    ['missing', undefined, 'body.greeting'],
  ])('refuses a greeting that is %s, naming the field and changing nothing', async (_, greeting, field) => {
    const before = (await agent.get('/api/settings')).body;
    const auditsBefore = await t.db
      .selectFrom('audit_events')
      .select('id')
      .where('action', '=', 'settings.updated')
      .execute();
    const res = await admin.put('/api/admin/settings/desk', { ...before.desk, greeting });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.field).toBe(field);
    expect((await agent.get('/api/settings')).body).toEqual(before);
    const auditsAfter = await t.db
      .selectFrom('audit_events')
      .select('id')
      .where('action', '=', 'settings.updated')
      .execute();
    expect(auditsAfter).toHaveLength(auditsBefore.length);
  });

  it('keeps desk texts stored before the greeting existed, with the default greeting', async () => {
    const old = {
      companyName: 'Altbestand AG',
      supportEmail: 'alt@altbestand.example',
      supportPhone: '+49 89 1',
      signatureDe: 'Ihr Altbestand-Team',
      signatureEn: 'Your Altbestand team',
    };
    // written as an earlier version stored it, around the API that would now refuse it
    await t.db
      .insertInto('settings')
      .values({ key: 'desk', value: JSON.stringify(old), updated_at: t.clock.now(), updated_by: null })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(old) }))
      .execute();
    const res = await agent.get('/api/settings');
    expect(res.body.desk).toEqual({ ...old, greeting: { de: 'Guten Tag', en: 'Dear' } });

    const account = await createAccount(t, { email: 'alt@example.de', language: 'en' });
    const kase = await createCase(t, account.id);
    const sent = await agent.post(`/api/cases/${kase.id}/messages`, { body: 'Hello' });
    const full = await agent.get(`/api/messages/${sent.body.id}`);
    expect(full.body.text).toContain('Dear Erika Mustermann,');
    expect(full.body.text).toContain('Altbestand AG');
  });
});
