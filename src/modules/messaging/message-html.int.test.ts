import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, createCase } from '../../../test/factories';
import { startDesk, type TestApp, type TestClient } from '../../../test/harness';

let t: TestApp;
let agent: TestClient;
let lead: TestClient;
let admin: TestClient;
beforeAll(async () => {
  ({ t, agent, lead, admin } = await startDesk({ now: '2026-05-04T09:00:00Z' }));
});
afterAll(() => t?.close());

// The staff UI shows the HTML part in a sandboxed frame; these are the shapes it reads it from.
describe('the HTML part staff see', () => {
  it('is on every message of a case and on the single message, rendered and escaped as sent', async () => {
    const account = await createAccount(t, { language: 'de', firstName: 'Hanna', lastName: 'Höfer' });
    const kase = await createCase(t, account.id);
    const sent = await agent.post(`/api/cases/${kase.id}/messages`, {
      body: 'Ihre <b>Erstattung</b> ist unterwegs.',
    });
    expect(sent.status).toBe(201);
    expect(sent.body.html).toContain('Hanna Höfer');
    expect(sent.body.html).toContain('Ihre &lt;b&gt;Erstattung&lt;&#x2F;b&gt; ist unterwegs.');
    expect(sent.body.html).not.toContain('<b>Erstattung</b>');
    expect(sent.body.html).toContain(account.accountNumber);
    expect(sent.body.html).not.toContain('{{');

    const onCase = await agent.get(`/api/cases/${kase.id}/messages`);
    expect(onCase.body.items).toHaveLength(1);
    expect(onCase.body.items[0].html).toBe(sent.body.html);
    expect(onCase.body.items[0].text).toContain('Ihre <b>Erstattung</b> ist unterwegs.');

    const single = await lead.get(`/api/messages/${sent.body.id}`);
    expect(single.status).toBe(200);
    expect(single.body).toMatchObject({ id: sent.body.id, html: sent.body.html, text: sent.body.text });
    const stored = await t.db
      .selectFrom('outbox_messages')
      .select('html_body')
      .where('id', '=', sent.body.id)
      .executeTakeFirstOrThrow();
    expect(single.body.html).toBe(stored.html_body);
  });

  it('is left out of the mailbox list, which the UI opens one message at a time', async () => {
    const account = await createAccount(t, { language: 'en' });
    const kase = await createCase(t, account.id);
    const sent = await agent.post(`/api/cases/${kase.id}/messages`, { body: 'list check' });
    const list = await lead.get('/api/mailbox?limit=5');
    const row = list.body.items.find((m: { id: string }) => m.id === sent.body.id);
    expect(row).toMatchObject({ id: sent.body.id, state: 'queued' });
    expect(row).not.toHaveProperty('html');
    expect(row).not.toHaveProperty('text');
    expect((await lead.get(`/api/messages/${sent.body.id}`)).body.html).toContain('list check');
  });

  it('comes back from the template preview, following the draft and escaping the variables', async () => {
    const account = await createAccount(t, { language: 'en', firstName: 'Ola', lastName: '<Nordmann>' });
    const kase = await createCase(t, account.id);
    const draft = {
      kind: 'case_update',
      language: 'en',
      subject: 'News on {{case.number}}',
      text: 'Hi {{customer.lastName}}',
      html: '<h1 id="greeting">Hi {{customer.lastName}}</h1><p>{{message.body}}</p>',
    };
    const sample = await admin.post('/api/admin/templates/preview', draft);
    expect(sample.status).toBe(200);
    expect(sample.body.html).toMatch(/^<h1 id="greeting">Hi [^<{]+<\/h1><p>[^<{]+<\/p>$/);

    const real = await admin.post('/api/admin/templates/preview', { ...draft, caseNumber: kase.caseNumber });
    expect(real.body.html).toContain('<h1 id="greeting">Hi &lt;Nordmann&gt;</h1>');
    expect(real.body.text).toBe('Hi <Nordmann>');

    const edited = await admin.post('/api/admin/templates/preview', {
      ...draft,
      caseNumber: kase.caseNumber,
      html: '<p class="changed">Bye {{customer.firstName}}</p>',
    });
    expect(edited.body.html).toBe('<p class="changed">Bye Ola</p>');
  });
});
