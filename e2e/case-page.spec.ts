import type { Browser } from 'playwright-core';
import { expect, it } from 'vitest';
import { createAccount, createCase } from '../test/factories';
import type { TestApp } from '../test/harness';
import { logIn, withBrowserDesk } from './desk';

let t: TestApp;
let browser: Browser;
let base: string;
withBrowserDesk((desk) => {
  ({ t, browser, base } = desk);
});

it("loads a case page without asking for an account's notes before it knows the account, and without a refused request", async () => {
  const account = await createAccount(t, { firstName: 'Nora', lastName: 'Netzwerk' });
  const kase = await createCase(t, account.id);
  await (await t.login('agent')).post('/api/notes', {
    accountId: account.id,
    caseId: kase.id,
    contactReason: 'Rückfrage zur Lieferung',
    actionsTaken: 'Sendungsnummer genannt',
  });
  const page = await browser.newPage({ locale: 'de-DE' });
  await logIn(page, base, 'agent');
  const requested: string[] = [];
  const refused: string[] = [];
  page.on('request', (r) => requested.push(new URL(r.url()).pathname));
  page.on('response', (r) => {
    if (r.status() >= 400) refused.push(`${r.status()} ${new URL(r.url()).pathname}`);
  });
  // a fresh load of the page, as a link from a colleague or a reload opens it
  await page.goto(`${base}/cases/${kase.id}`);
  await page.getByTestId('note').filter({ hasText: 'Rückfrage zur Lieferung' }).waitFor();

  const notesRequests = requested.filter((p) => /^\/api\/accounts\/[^/]*\/notes$/.test(p));
  expect(notesRequests).toContain(`/api/accounts/${account.id}/notes`);
  expect(notesRequests.filter((p) => p !== `/api/accounts/${account.id}/notes`)).toEqual([]);
  expect(requested.filter((p) => p.includes('//'))).toEqual([]);
  expect(refused).toEqual([]);
  await page.close();
});
