import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDesk, type TestApp, type TestClient } from '../../../test/harness';

let t: TestApp;
let agent: TestClient;
let admin: TestClient;
beforeAll(async () => {
  ({ t, agent, admin } = await startDesk());
});
afterAll(() => t?.close());

const settingsAudits = async () =>
  (
    await t.db
      .selectFrom('audit_events')
      .select('id')
      .where('action', '=', 'settings.updated')
      .where('entity_id', '=', 'call_script')
      .execute()
  ).length;

describe('the call greeting script (seed 002, step 1)', () => {
  it('greets with the company name and the name of the agent who asks, in German and English', async () => {
    const me = await t.db
      .selectFrom('staff_users')
      .select('display_name')
      .where('id', '=', agent.user.id)
      .executeTakeFirstOrThrow();
    const res = await agent.get('/api/call-script');
    expect(res.status).toBe(200);
    expect(res.body.de).toBe(
      `Kulanz Demo GmbH, guten Tag, mein Name ist ${me.display_name}. Was kann ich für Sie tun?`,
    );
    expect(res.body.en).toContain(`this is ${me.display_name}`);
    expect(res.body.en).toContain('Kulanz Demo GmbH');
    // another staff member hears their own name
    const lead = await t.login('lead');
    expect((await lead.get('/api/call-script')).body.de).not.toContain(me.display_name);
  });

  it('lets an admin change it, audited, and follows the company name from the desk settings', async () => {
    const before = await settingsAudits();
    const script = {
      de: 'Schönen guten Tag bei {{ company.name }}, Sie sprechen mit {{agent.name}}.',
      en: 'Hello and welcome to {{company.name}}, {{agent.name}} speaking.',
    };
    expect((await agent.put('/api/admin/settings/call-script', script)).status).toBe(403);
    const res = await admin.put('/api/admin/settings/call-script', script);
    expect(res.status).toBe(200);
    expect(res.body.callScript).toEqual(script);
    expect(await settingsAudits()).toBe(before + 1);
    const desk = (await admin.get('/api/settings')).body.desk;
    expect(
      (await admin.put('/api/admin/settings/desk', { ...desk, companyName: 'Beispiel AG' })).status,
    ).toBe(200);
    const rendered = (await agent.get('/api/call-script')).body;
    expect(rendered.de).toMatch(/^Schönen guten Tag bei Beispiel AG, Sie sprechen mit \S/);
    expect(rendered.en).toMatch(/^Hello and welcome to Beispiel AG, \S.* speaking\.$/);
  });

  it('refuses scripts that name unknown variables, use sections, do not parse, or are empty or huge, naming the field', async () => {
    const good = { de: 'Guten Tag, {{agent.name}}.', en: 'Hello, {{agent.name}}.' };
    await admin.put('/api/admin/settings/call-script', good);
    const before = await settingsAudits();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...good, de: 'Hallo {{customer.name}}' }, 'body.de'],
      [{ ...good, en: '{{#agent}}hi{{/agent}}' }, 'body.en'],
      [{ ...good, de: 'Hallo {{{agent.name}}}' }, 'body.de'],
      [{ ...good, de: 'Hallo {{agent.name' }, 'body.de'],
      [{ ...good, en: '   ' }, 'body.en'],
      [{ ...good, de: 'x'.repeat(501) }, 'body.de'],
      [{ de: good.de }, 'body.en'],
      [{ ...good, fr: 'Bonjour' }, 'body'],
    ];
    for (const [body, field] of cases) {
      const res = await admin.put('/api/admin/settings/call-script', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.field, JSON.stringify(body)).toBe(field);
    }
    expect(await settingsAudits()).toBe(before);
    expect((await admin.get('/api/settings')).body.callScript).toEqual(good);
  });
});
