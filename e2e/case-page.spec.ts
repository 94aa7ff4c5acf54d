import type { Browser } from 'playwright-core';
import { expect, it } from 'vitest';
import { addBilling, createAccount, createCase } from '../test/factories';
import type { TestApp } from '../test/harness';
import { axeViolations, blocking, formatViolations } from './axe';
import { logIn, sendSurveyNow, withBrowserDesk } from './desk';

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

it('shows the account beside the case: state, what is owed, the subscription and what is left to refund of each payment', async () => {
  const account = await createAccount(t, { firstName: 'Sina', lastName: 'Summe' });
  const { plan } = await addBilling(t, account.id);
  const kase = await createCase(t, account.id);
  const view = (await (await t.login('agent')).get(`/api/accounts/${account.id}`)).body;
  const payment = view.payments[0];
  // paid 99,00 €, 9,00 € of it refunded already: 90,00 € can still go back
  expect(payment.refundableMinor).toBe(payment.amountMinor - payment.refundedMinor);
  const page = await browser.newPage({ locale: 'de-DE', viewport: { width: 960, height: 900 } });
  await logIn(page, base, 'agent');
  await page.goto(`${base}/cases/${kase.id}`);
  const summary = page.getByTestId('case-account-summary');
  await summary.waitFor();
  expect(await summary.textContent()).toContain('aktiv');
  expect(await summary.textContent()).toContain('Offen');
  expect(await summary.getByTestId('case-account-subscriptions').textContent()).toContain(plan.name_de);
  const payments = await summary.getByTestId('case-account-payments').textContent();
  expect(payments).toContain('Noch erstattbar');
  expect(payments).toMatch(/90,00\s€/);
  await summary.getByRole('link', { name: 'Konto öffnen' }).click();
  await page.getByTestId('account-name').filter({ hasText: 'Sina Summe' }).waitFor();
  await page.close();
});

it("marks a 1-star answer on the case, and shows the alert the case's lead got among its messages", async () => {
  const account = await createAccount(t, { language: 'de', firstName: 'Udo', lastName: 'Unzufrieden' });
  const kase = await createCase(t, account.id);
  const link = await sendSurveyNow(t, base, kase.id);
  // the customer answers through the public page, as the form posts it
  const answered = await fetch(link, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ rating: '1', comment: 'Nie wieder <b>so</b>' }).toString(),
  });
  expect(answered.status).toBe(200);

  const page = await browser.newPage({ locale: 'de-DE' });
  await logIn(page, base, 'lead');
  await page.goto(`${base}/cases/${kase.id}`);
  await page.getByTestId('survey-low-rating').filter({ hasText: 'Niedrige Bewertung' }).waitFor();
  const alert = page
    .getByTestId('case-message')
    .filter({ hasText: `Niedrige Bewertung: 1 von 5 Sternen zu Vorgang ${kase.caseNumber}` })
    .filter({ hasText: 'lead@' });
  await alert.first().waitFor();
  expect(await alert.first().textContent()).toContain('Nie wieder <b>so</b>');
  expect(await alert.first().getByTestId('case-message-to-staff').textContent()).toBe('an die Teamleitung');
  // the survey e-mail the customer got carries no such mark
  const surveyMail = page.getByTestId('case-message').filter({ hasNotText: 'Niedrige Bewertung' });
  expect(await surveyMail.count()).toBe(1);
  expect(await surveyMail.getByTestId('case-message-to-staff').count()).toBe(0);
  const bad = blocking(await axeViolations(page));
  expect(bad, formatViolations('case page with a low rating', bad)).toEqual([]);
  await page.close();
});
