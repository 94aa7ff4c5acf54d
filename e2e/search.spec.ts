import type { Browser } from 'playwright-core';
import { expect, it } from 'vitest';
import { createAccount } from '../test/factories';
import type { TestApp } from '../test/harness';
import { logIn, withBrowserDesk } from './desk';

let t: TestApp;
let browser: Browser;
let base: string;
withBrowserDesk((desk) => {
  ({ t, browser, base } = desk);
});

it('searches as the agent types, in the header as on the search page: arrows and Enter choose, an exact number opens at once', async () => {
  const first = await createAccount(t, {
    firstName: 'Anton',
    lastName: 'Tippfreund',
    phone: '040 5550 1234',
  });
  const second = await createAccount(t, { firstName: 'Berta', lastName: 'Tippfreund' });
  const page = await browser.newPage({ locale: 'de-DE' });
  await logIn(page, base, 'agent');

  // the search page: the hits come while typing, no Enter needed; ↓ and Enter open the second
  await page.getByTestId('search-input').fill('Tippfreund');
  const pageHits = page.getByTestId('search-hit');
  await pageHits.nth(1).waitFor();
  expect(page.url()).toContain('q=Tippfreund');
  await page.keyboard.press('ArrowDown');
  expect(await pageHits.nth(1).getAttribute('data-selected')).toBe('true');
  const chosen = (await pageHits.nth(1).textContent()) ?? '';
  await page.keyboard.press('Enter');
  await page.getByTestId('account-name').waitFor();
  expect(chosen).toContain((await page.getByTestId('account-name').textContent())?.split(' ')[0]);

  // on the account page `/` puts the focus in the header's box, which behaves the same
  await page.locator('body').click({ position: { x: 600, y: 400 } });
  await page.keyboard.press('/');
  expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
    'global-search',
  );
  await page.keyboard.type('Tippfreund');
  const headerHits = page.getByTestId('global-search-results').getByTestId('search-hit');
  await headerHits.nth(1).waitFor();
  await page.keyboard.press('ArrowDown');
  expect(await headerHits.nth(1).getAttribute('data-selected')).toBe('true');
  await page.keyboard.press('ArrowUp');
  expect(await headerHits.nth(0).getAttribute('data-selected')).toBe('true');
  const top = (await headerHits.nth(0).textContent()) ?? '';
  await page.keyboard.press('Enter');
  const expected = top.includes(first.accountNumber) ? first : second;
  await page.waitForURL(`**/accounts/${expected.id}`);

  // Enter right after typing an exact account number (before any hit shows) opens that account
  await page.getByTestId('account-name').waitFor();
  expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).not.toBe(
    'global-search',
  );
  await page.keyboard.press('/');
  expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
    'global-search',
  );
  await page.keyboard.type(second.accountNumber);
  await page.keyboard.press('Enter');
  await page.waitForURL(`**/accounts/${second.id}`);
  await page.getByTestId('account-name').filter({ hasText: 'Berta Tippfreund' }).waitFor();

  // and a phone number on the search page, the same
  await page.goto(base);
  await page.getByTestId('search-input').waitFor();
  await page.locator('body').click({ position: { x: 600, y: 600 } });
  await page.keyboard.press('/');
  expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('search-input');
  await page.keyboard.type('040 5550 1234');
  await page.keyboard.press('Enter');
  await page.waitForURL(`**/accounts/${first.id}`);
  await page.close();
});
