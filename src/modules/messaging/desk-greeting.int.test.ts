import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, createCase } from '../../../test/factories';
import { startDesk, type TestApp, type TestClient } from '../../../test/harness';

let t: TestApp;
let agent: TestClient;
let admin: TestClient;
beforeAll(async () => {
  ({ t, agent, admin } = await startDesk({ now: '2026-05-04T09:00:00Z' }));
});
afterAll(() => t?.close());

async function caseFor(language: 'de' | 'en') {
  const account = await createAccount(t, {
    language,
    firstName: 'Jürgen',
    lastName: 'Weiß',
    email: `gruss-${Math.random().toString(36).slice(2)}@example.de`,
  });
  return createCase(t, account.id);
}

async function sendOnCase(caseId: string, body: string) {
  const res = await agent.post(`/api/cases/${caseId}/messages`, { body });
  expect(res.status).toBe(201);
  const full = await agent.get(`/api/messages/${res.body.id}`);
  expect(full.status).toBe(200);
  return full.body as { text: string; html: string };
}

async function setGreeting(greeting: { de: string; en: string }) {
  const desk = (await admin.get('/api/settings')).body.desk;
  const res = await admin.put('/api/admin/settings/desk', { ...desk, greeting });
  expect(res.status).toBe(200);
}

describe('the greeting from the desk settings', () => {
  it('opens every message queued after the change, in the customer language, in text and HTML', async () => {
    const deCase = await caseFor('de');
    const enCase = await caseFor('en');
    const earlier = await sendOnCase(deCase.id, 'vor der Änderung');
    expect(earlier.text.startsWith('Guten Tag Jürgen Weiß,')).toBe(true);

    await setGreeting({ de: 'Moin', en: 'Howdy' });

    const de = await sendOnCase(deCase.id, 'nach der Änderung');
    expect(de.text.startsWith('Moin Jürgen Weiß,\n')).toBe(true);
    expect(de.html).toContain('<p>Moin Jürgen Weiß,</p>');
    expect(de.text + de.html).not.toContain('Guten Tag');
    expect(de.text + de.html).not.toContain('Howdy');

    const en = await sendOnCase(enCase.id, 'after the change');
    expect(en.text.startsWith('Howdy Jürgen Weiß,\n')).toBe(true);
    expect(en.html).toContain('<p>Howdy Jürgen Weiß,</p>');
    expect(en.text + en.html).not.toContain('Dear');
    expect(en.text + en.html).not.toContain('Moin');

    // what was queued before keeps the words it was written with
    const again = await t.db
      .selectFrom('outbox_messages')
      .select('text_body')
      .where('case_id', '=', deCase.id)
      .where('text_body', 'like', '%vor der Änderung%')
      .executeTakeFirstOrThrow();
    expect(again.text_body.startsWith('Guten Tag Jürgen Weiß,')).toBe(true);
  });

  it('opens messages of other kinds too, such as the verification code', async () => {
    await setGreeting({ de: 'Grüß Gott', en: 'Good morning' });
    for (const [language, greeting] of [
      ['de', 'Grüß Gott'],
      ['en', 'Good morning'],
    ] as const) {
      const kase = await caseFor(language);
      expect((await agent.post(`/api/cases/${kase.id}/verification/email-code`)).status).toBe(201);
      const mail = await t.db
        .selectFrom('outbox_messages')
        .select(['text_body', 'html_body', 'language'])
        .where('case_id', '=', kase.id)
        .where('kind', '=', 'verification_code')
        .executeTakeFirstOrThrow();
      expect(mail.language).toBe(language);
      expect(mail.text_body.startsWith(`${greeting} Jürgen Weiß,\n`)).toBe(true);
      expect(mail.html_body).toContain(`<p>${greeting} Jürgen Weiß,</p>`);
    }
  });

  it('shows in the preview of a template with sample data, escaped in HTML', async () => {
    await setGreeting({ de: 'Hallo & willkommen', en: 'Hello' });
    const template = (await admin.get('/api/admin/templates')).body.items.find(
      (i: { kind: string; language: string }) => i.kind === 'case_closed' && i.language === 'de',
    );
    const preview = await admin.post('/api/admin/templates/preview', {
      kind: 'case_closed',
      language: 'de',
      subject: template.subject,
      text: template.text,
      html: template.html,
    });
    expect(preview.status).toBe(200);
    expect(preview.body.text.startsWith('Hallo & willkommen Erika Mustermann,\n')).toBe(true);
    expect(preview.body.html).toContain('<p>Hallo &amp; willkommen Erika Mustermann,</p>');
  });
});
