import type { Browser } from 'playwright-core';
import { expect, it } from 'vitest';
import { createDeliveryWorker, mailboxTransport } from '../src/modules/messaging';
import { createAccount, createCase } from '../test/factories';
import type { TestApp } from '../test/harness';
import { axeViolations, blocking, formatViolations } from './axe';
import { logIn, withBrowserDesk } from './desk';

let t: TestApp;
let browser: Browser;
let base: string;
withBrowserDesk((desk) => {
  ({ t, browser, base } = desk);
});

// first in this file: until it sends something, its copy of the database has an empty outbox
it('says so when the mailbox is empty and when nothing was sent on a case', async () => {
  const account = await createAccount(t, { language: 'de', firstName: 'Erna', lastName: 'Leer' });
  const kase = await createCase(t, account.id);
  const page = await browser.newPage({ locale: 'de-DE' });
  await logIn(page, base, 'lead');
  await page.getByRole('link', { name: 'Postausgang' }).click();
  await page.getByTestId('mailbox-empty').filter({ hasText: 'Der Postausgang ist leer' }).waitFor();
  expect(await page.getByTestId('mailbox-row').count()).toBe(0);
  const violations = blocking(await axeViolations(page));
  expect(violations, formatViolations('empty mailbox', violations)).toEqual([]);
  await page.goto(`${base}/cases/${kase.id}`);
  await page
    .getByTestId('case-messages-empty')
    .filter({ hasText: 'Auf diesem Vorgang wurde dem Kunden noch nichts geschickt.' })
    .waitFor();
  await page.close();
});

it('shows the e-mail code masked on the case, in the open message and in the mailbox, while the customer gets it', async () => {
  const account = await createAccount(t, {
    language: 'de',
    firstName: 'Vera',
    email: 'vera.code@example.de',
  });
  const kase = await createCase(t, account.id);
  const page = await browser.newPage({ locale: 'de-DE' });
  await logIn(page, base, 'agent');
  await page.goto(`${base}/cases/${kase.id}`);
  await page.getByRole('button', { name: 'Code senden' }).click();
  const shown = page.getByTestId('case-message').filter({ hasText: 'Ihr Bestätigungscode: ••••••' });
  await shown.waitFor();
  // the code the customer is about to receive, from the copy that waits for delivery
  const clear = await t.db
    .selectFrom('outbox_messages')
    .innerJoin('outbox_clear_parts', 'outbox_clear_parts.message_id', 'outbox_messages.id')
    .select(['outbox_messages.id', 'outbox_clear_parts.subject'])
    .where('outbox_messages.case_id', '=', kase.id)
    .executeTakeFirstOrThrow();
  const code = /(\d{6})/.exec(clear.subject)![1]!;
  expect(await shown.textContent()).toContain('Ihr Bestätigungscode lautet ••••••');
  await shown.getByTestId('secrets-masked').waitFor();

  await shown.getByTestId('message-open').click();
  const dialog = page.getByRole('dialog');
  const html = page.frameLocator('[data-testid="message-html"]');
  await html.locator('body').filter({ hasText: 'Ihr Bestätigungscode lautet ••••••' }).waitFor();
  await dialog.getByTestId('secrets-masked').waitFor();
  const violations = blocking(await axeViolations(page));
  expect(violations, formatViolations('case, e-mail code message open', violations)).toEqual([]);
  // nowhere on the page, nor in the frame's source, nor in what the API sent the browser
  expect(await page.content()).not.toContain(code);
  expect(await dialog.getByTestId('message-html').getAttribute('srcdoc')).not.toContain(code);
  await page.keyboard.press('Escape');

  const lead = await browser.newPage({ locale: 'de-DE' });
  await logIn(lead, base, 'lead');
  await lead.getByRole('link', { name: 'Postausgang' }).click();
  const row = lead.getByTestId('mailbox-row').filter({ hasText: 'vera.code@example.de' });
  await row.filter({ hasText: 'Ihr Bestätigungscode: ••••••' }).waitFor();
  expect(await lead.content()).not.toContain(code);

  // the customer's copy is delivered in clear
  await createDeliveryWorker({ db: t.db, clock: t.clock, transport: mailboxTransport() }).runOnce();
  await row.filter({ hasText: 'gesendet' }).waitFor({ timeout: 15_000 });
  expect(await lead.content()).not.toContain(code);
  await page.close();
  await lead.close();
});

it('queues a double-clicked message once, then shows it in full as text and as sandboxed HTML', async () => {
  const account = await createAccount(t, {
    language: 'de',
    firstName: 'Hanna',
    lastName: 'Höfer',
    email: 'hanna@example.de',
  });
  const kase = await createCase(t, account.id);
  const page = await browser.newPage({ locale: 'de-DE' });
  await logIn(page, base, 'agent');
  await page.goto(`${base}/cases/${kase.id}`);

  const keys: Array<string | undefined> = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().endsWith(`/api/cases/${kase.id}/messages`))
      keys.push(r.headers()['idempotency-key']);
  });
  await page
    .getByLabel('Nachricht an den Kunden')
    .fill('Ihre <b>Erstattung</b> ist unterwegs.\nZweite Zeile.');
  // two clicks in one task: the button cannot show it is busy in between, so both requests leave
  await page.getByTestId('message-send').evaluate((button: HTMLButtonElement) => {
    button.click();
    button.click();
  });
  await page.getByTestId('case-message').first().waitFor();
  await expect.poll(() => keys.length).toBe(2);
  expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
  expect(keys[1]).toBe(keys[0]);
  const queued = await t.db
    .selectFrom('outbox_messages')
    .select(['id', 'idempotency_key'])
    .where('case_id', '=', kase.id)
    .execute();
  expect(queued).toHaveLength(1);
  expect(queued[0]!.idempotency_key).toContain(keys[0]!);
  expect(await page.getByLabel('Nachricht an den Kunden').inputValue()).toBe('');

  await createDeliveryWorker({ db: t.db, clock: t.clock, transport: mailboxTransport() }).runOnce();
  await page.reload();
  await page.getByTestId('case-message').filter({ hasText: 'gesendet' }).waitFor();
  expect(await page.getByTestId('case-message').count()).toBe(1);

  await page.getByTestId('message-open').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByTestId('message-html').waitFor();
  expect(await dialog.getByTestId('message-html').getAttribute('sandbox')).toBe('');
  const html = page.frameLocator('[data-testid="message-html"]');
  await html.locator('body').filter({ hasText: 'Hanna Höfer' }).waitFor();
  // what the agent typed arrives as text, never as markup
  expect(await html.locator('body').textContent()).toContain('Ihre <b>Erstattung</b> ist unterwegs.');
  expect(await html.locator('b').count()).toBe(0);
  expect(await html.locator('body').textContent()).toContain(account.accountNumber);

  await dialog.getByTestId('message-view').getByText('Text', { exact: true }).click();
  await dialog.getByTestId('message-text').filter({ hasText: 'Zweite Zeile.' }).waitFor();
  expect(await dialog.getByTestId('message-html').count()).toBe(0);
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  await page.close();
});

it('opens a message from the mailbox with its HTML part', async () => {
  const account = await createAccount(t, { language: 'de', firstName: 'Paul', lastName: 'Postel' });
  const kase = await createCase(t, account.id);
  const agent = await t.login('agent');
  const sent = await agent.post(`/api/cases/${kase.id}/messages`, { body: 'Gruß aus dem Postausgang' });
  expect(sent.status).toBe(201);

  const page = await browser.newPage({ locale: 'de-DE' });
  await logIn(page, base, 'lead');
  await page.getByRole('link', { name: 'Postausgang' }).click();
  await page.getByTestId('mailbox-row').filter({ hasText: kase.caseNumber }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByTestId('message-html').waitFor();
  expect(await dialog.getByTestId('message-html').getAttribute('sandbox')).toBe('');
  const html = page.frameLocator('[data-testid="message-html"]');
  await html.locator('body').filter({ hasText: 'Gruß aus dem Postausgang' }).waitFor();
  expect(await html.locator('body').textContent()).toContain('Paul Postel');
  await page.close();
});

it('sends one e-mail code per click, and tells the agent in German when a case has had enough codes', async () => {
  const account = await createAccount(t, { email: 'drei.codes@example.de' });
  const kase = await createCase(t, account.id);
  const page = await browser.newPage({ locale: 'de-DE' });
  await logIn(page, base, 'agent');
  await page.goto(`${base}/cases/${kase.id}`);
  const codesSent = async () =>
    (await t.db.selectFrom('verification_email_codes').select('id').where('case_id', '=', kase.id).execute())
      .length;
  const send = page.getByRole('button', { name: 'Code senden' });
  for (let n = 1; n <= 3; n++) {
    await send.click();
    await expect.poll(codesSent).toBe(n);
    await page.getByText('Code an die hinterlegte E-Mail gesendet').waitFor();
  }
  await send.click();
  const error = page.getByTestId('send-code-error');
  await error.waitFor();
  expect(await error.textContent()).toBe(
    'Zu diesem Vorgang wurden in den letzten 10 Minuten bereits drei Codes gesendet. Bitte warten Sie einige Minuten.',
  );
  expect(await codesSent()).toBe(3);
  await page.close();
});
