import type { Browser } from 'playwright-core';
import { expect, it } from 'vitest';
import { createAccount, createCase, DEFAULT_SECRETS } from '../test/factories';
import type { TestApp } from '../test/harness';
import { logIn, withBrowserDesk } from './desk';

let t: TestApp;
let browser: Browser;
let base: string;
withBrowserDesk((desk) => {
  ({ t, browser, base } = desk);
});

const WRONG = { date_of_birth: '08.03.1980', postal_code: '99999' };

it('says in the case header whether the caller is verified, keeps what was typed after a failure and warns before the last try', async () => {
  const account = await createAccount(t, {
    firstName: 'Vera',
    lastName: 'Versuch',
    secrets: DEFAULT_SECRETS,
  });
  const kase = await createCase(t, account.id);
  const api = await t.login('agent');
  await api.post(`/api/cases/${kase.id}/verification`, { subject: { type: 'holder' }, answers: WRONG });

  const page = await browser.newPage({ locale: 'de-DE' });
  await logIn(page, base, 'agent');
  await page.goto(`${base}/cases/${kase.id}`);
  const header = page.getByTestId('case-verification');
  await header.filter({ hasText: 'Nicht verifiziert' }).waitFor();

  // the second failure: one try left, said as a warning, and the answers stay in the fields
  await page.getByLabel('Geburtsdatum').fill('08.03.1980');
  await page.getByLabel('Postleitzahl').fill('10115');
  await page.getByTestId('verify').click();
  const failed = page.getByTestId('verification-failed');
  await failed.filter({ hasText: 'letzter Versuch' }).waitFor();
  expect(await failed.getAttribute('data-last-try')).toBe('true');
  expect(await page.getByLabel('Geburtsdatum').inputValue()).toBe('08.03.1980');
  expect(await page.getByLabel('Postleitzahl').inputValue()).toBe('10115');

  // corrected: the header says who is verified and until when
  await page.getByLabel('Geburtsdatum').fill('7.3.1980');
  await page.getByTestId('verify').click();
  await header.filter({ hasText: /Verifiziert: Inhaber bis \d{2}:\d{2}/ }).waitFor();
  expect(await header.getAttribute('data-state')).toBe('verified');
  await page.close();
});

it('tells a suspended account from a verification lock in the account header, with the next step for the lock', async () => {
  const suspended = await createAccount(t, {
    firstName: 'Siegfried',
    lastName: 'Stillstand',
    status: 'suspended',
  });
  const locked = await createAccount(t, { firstName: 'Lena', lastName: 'Lock', secrets: DEFAULT_SECRETS });
  const kase = await createCase(t, locked.id);
  const api = await t.login('agent');
  for (let i = 0; i < 3; i++)
    await api.post(`/api/cases/${kase.id}/verification`, { subject: { type: 'holder' }, answers: WRONG });

  const page = await browser.newPage({ locale: 'de-DE' });
  await logIn(page, base, 'agent');
  await page.goto(`${base}/accounts/${suspended.id}`);
  await page.getByTestId('account-status-badge').filter({ hasText: 'ausgesetzt' }).waitFor();
  expect(await page.getByTestId('verification-locked-badge').count()).toBe(0);

  await page.goto(`${base}/accounts/${locked.id}`);
  await page.getByTestId('verification-locked-badge').filter({ hasText: 'Verifizierung gesperrt' }).waitFor();
  expect(await page.getByTestId('account-status-badge').count()).toBe(0);
  await page.getByTestId('account-locked').getByText('Teamleitung hinzuziehen').waitFor();
  await page.close();
});
