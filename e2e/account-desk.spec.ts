import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createAccount, DEFAULT_SECRETS } from '../test/factories';
import { startTestApp, type TestApp } from '../test/harness';
import { launchChromium } from './browser';

let t: TestApp;
let browser: Browser;
let base: string;

beforeAll(async () => {
  t = await startTestApp({ webDist: join(import.meta.dirname, '..', 'web', 'dist') });
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function login(page: Page) {
  await page.goto(base);
  await page.getByLabel('E-Mail').fill('agent@kulanz.test');
  await page.getByLabel('Passwort').fill('kulanz-agent-1');
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await page.getByRole('heading', { name: 'Kunden finden' }).waitFor();
}

it('finds a caller by phone, verifies them after one failure, writes a note with a commitment, in German and English', async () => {
  const account = await createAccount(t, {
    firstName: 'Greta',
    lastName: 'Grünwald',
    phone: '+49 30 1234567',
    email: 'greta@example.de',
    secrets: DEFAULT_SECRETS,
  });
  const page = await browser.newPage({ locale: 'de-DE' });
  await login(page);

  // the search box is focused: type the number as the caller says it, Enter opens the first hit
  await page.getByTestId('search-input').fill('030 / 123 45 67');
  await page.keyboard.press('Enter');
  await page.getByTestId('interpreted-as').filter({ hasText: '+49301234567' }).waitFor();
  await page.getByTestId('search-hit').first().waitFor();
  expect(await page.getByTestId('search-hit').first().textContent()).toContain(account.accountNumber);
  await page.keyboard.press('Enter');
  await page.getByTestId('account-name').filter({ hasText: 'Greta Grünwald' }).waitFor();

  await page.getByTestId('new-case').click();
  await page.getByRole('button', { name: 'Vorgang eröffnen' }).click();
  await page.getByTestId('case-number').waitFor();
  expect(page.url()).toContain('/cases/');

  // a wrong date of birth: not verified, two tries left
  await page.getByLabel('Geburtsdatum').fill('08.03.1980');
  await page.getByLabel('Postleitzahl').fill('10115');
  await page.getByTestId('verify').click();
  await page.getByTestId('verification-failed').filter({ hasText: 'noch 2 Versuche' }).waitFor();

  await page.getByLabel('Geburtsdatum').fill('7.3.1980');
  await page.getByLabel('Postleitzahl').fill('10115');
  await page.getByTestId('verify').click();
  await page.getByTestId('verification-state').filter({ hasText: 'Verifiziert' }).waitFor();

  await page.getByLabel('Anlass des Kontakts').fill('Frage zur Rechnung März');
  await page.getByLabel('Ergriffene Maßnahmen').fill('Rechnung erklärt, Gutschrift geprüft');
  await page.getByRole('button', { name: 'Zusage hinzufügen' }).click();
  await page.getByLabel('Zusage', { exact: true }).fill('Rückruf mit Ergebnis der Prüfung');
  await page.getByTestId('save-note').click();
  await page.getByTestId('note').filter({ hasText: 'Frage zur Rechnung März' }).waitFor();

  await page.reload();
  await page.getByTestId('note').first().waitFor();
  const first = page.getByTestId('note').first();
  expect(await first.textContent()).toContain('Frage zur Rechnung März');
  expect(await first.textContent()).toContain('Rückruf mit Ergebnis der Prüfung');
  const saved = await t.db
    .selectFrom('commitments')
    .selectAll()
    .where('account_id', '=', account.id)
    .execute();
  expect(saved).toHaveLength(1);

  await page.getByText('EN', { exact: true }).click();
  await page.getByText('Previous notes').waitFor();
  expect(await page.getByText('Bisherige Notizen').count()).toBe(0);
  await page.getByText('DE', { exact: true }).click();
  await page.getByText('Bisherige Notizen').waitFor();
  await page.close();
});
