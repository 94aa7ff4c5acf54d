import type { Browser } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import type { TestApp } from '../test/harness';
import { logIn, withBrowserDesk } from './desk';

// The admin's audit log reads as sentences (who did what to which account or case), in German and
// English, with the stored JSON behind a toggle; it filters by account number and says when a
// filter finds nothing.
let t: TestApp;
let browser: Browser;
let base: string;
withBrowserDesk((desk) => {
  ({ t, browser, base } = desk);
});

let caseNumber: string;
beforeAll(async () => {
  const agent = await t.login('agent');
  const found = await agent.get('/api/accounts/search?q=K1000001');
  const opened = await agent.post('/api/cases', {
    accountId: found.body.items[0].id,
    type: 'inquiry',
    channel: 'phone',
    subject: 'Frage zur Rechnung',
  });
  expect(opened.status).toBe(201);
  caseNumber = opened.body.caseNumber;
});

it('says who did what to which account and case, filters by account number, and shows the JSON on request', async () => {
  const page = await browser.newPage({ locale: 'de-DE' });
  await logIn(page, base, 'admin');
  await page.getByRole('link', { name: 'Protokoll' }).click();
  await page.getByRole('columnheader', { name: 'Wer hat was getan' }).waitFor();

  const account = page.getByLabel('Konto (Nummer oder ID)');
  await account.fill('K1000001');
  await account.press('Enter');
  const opened = page
    .getByTestId('audit-row')
    .filter({ hasText: `Anna Agentin: Vorgang eröffnet – ${caseNumber}` });
  await opened.waitFor();
  await expect(opened.getByRole('link', { name: 'Konto K1000001' }).getAttribute('href')).resolves.toMatch(
    /^\/accounts\/acc_/,
  );
  await opened.getByRole('link', { name: `Vorgang ${caseNumber}` }).waitFor();
  // every row the filter left is about that account
  const rows = page.getByTestId('audit-row');
  const count = await rows.count();
  expect(count).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) await rows.nth(i).getByRole('link', { name: 'Konto K1000001' }).waitFor();

  const toggle = opened.getByRole('button', { name: 'JSON zeigen' });
  expect(await toggle.getAttribute('aria-expanded')).toBe('false');
  await toggle.click();
  const json = page.getByTestId('audit-json');
  await json.waitFor();
  expect(JSON.parse((await json.textContent()) ?? '')).toMatchObject({
    action: 'case.opened',
    entity: { type: 'case' },
    changes: { type: 'inquiry' },
  });
  await opened.getByRole('button', { name: 'JSON ausblenden' }).click();
  await json.waitFor({ state: 'detached' });

  await account.fill('K9999999');
  await account.press('Enter');
  await page.getByText('Keine Einträge zu diesen Filtern.').waitFor();
  expect(await page.getByTestId('audit-row').count()).toBe(0);
  await page.getByRole('button', { name: 'Filter zurücksetzen' }).click();
  await page.getByTestId('audit-row').first().waitFor();
  expect(await account.inputValue()).toBe('');
  await page.close();
});

it('words the same events in English, with the staff user an event is about by name', async () => {
  const admin = await t.login('admin');
  const created = await admin.post('/api/admin/staff', {
    email: 'nina.neu@kulanz.test',
    displayName: 'Nina Neu',
    role: 'agent',
    password: 'nina-neu-password',
  });
  expect(created.status).toBe(201);
  expect((await admin.patch(`/api/admin/staff/${created.body.id}`, { role: 'lead' })).status).toBe(200);

  // the admin works in English: the login applies the saved language
  await t.db
    .updateTable('staff_users')
    .set({ locale: 'en' })
    .where('email', '=', 'admin@kulanz.test')
    .execute();
  const page = await browser.newPage({ locale: 'en-GB' });
  await page.addInitScript(() => localStorage.setItem('kulanz.language', 'en'));
  await page.goto(base);
  await page.getByLabel('E-mail').fill('admin@kulanz.test');
  await page.locator('input[type="password"]').fill('kulanz-admin-1');
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('link', { name: 'Audit log' }).click();
  const changed = page
    .getByTestId('audit-row')
    .filter({ hasText: 'Ada Admin: Staff user changed – Nina Neu' });
  await changed.waitFor();
  await changed.getByText('Role: Agent → Lead').waitFor();
  await page
    .getByTestId('audit-row')
    .filter({ hasText: 'Ada Admin: Staff user created – Nina Neu' })
    .waitFor();
  const account = page.getByLabel('Account (number or id)');
  await account.fill('k1000001');
  await account.press('Enter');
  await page
    .getByTestId('audit-row')
    .filter({ hasText: `Anna Agentin: Case opened – ${caseNumber}` })
    .waitFor();
  await page.close();
});
