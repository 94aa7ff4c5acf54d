import type { Browser } from 'playwright-core';
import { expect, it } from 'vitest';
import { DEMO_LOGINS } from '../src/demo/seed-demo';
import type { TestApp } from '../test/harness';
import { logIn, withBrowserDesk } from './desk';

let t: TestApp;
let browser: Browser;
let base: string;
withBrowserDesk((desk) => {
  ({ t, browser, base } = desk);
});

it('logs out to the login page at once, and the next login starts in the saved language', async () => {
  const page = await browser.newPage({ locale: 'de-DE' });
  await logIn(page, base, 'agent');
  // the language is switched on the desk: it is saved on the staff member
  await page.getByRole('banner').getByText('EN', { exact: true }).click();
  await page.getByRole('heading', { name: 'Find a customer' }).waitFor();
  await expect
    .poll(
      async () =>
        (
          await t.db
            .selectFrom('staff_users')
            .select('locale')
            .where('email', '=', agentEmail())
            .executeTakeFirstOrThrow()
        ).locale,
    )
    .toBe('en');

  await page.evaluate(() => {
    (window as unknown as { notReloaded?: boolean }).notReloaded = true;
  });
  await page.getByRole('button', { name: 'Log out' }).click();
  // the login form, without a reload, and nothing of the shell left
  await page.getByRole('button', { name: 'Log in' }).waitFor();
  expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
  expect(await page.getByRole('navigation').count()).toBe(0);
  expect(await page.getByTestId('global-search').count()).toBe(0);
  await page.close();

  // another browser (German by default): after the login the desk speaks the saved English
  const other = await browser.newPage({ locale: 'de-DE' });
  await other.goto(base);
  await other.getByLabel('E-Mail').fill(agentEmail());
  await other.getByLabel('Passwort').fill(DEMO_LOGINS.find((l) => l.role === 'agent')!.password);
  await other.getByRole('button', { name: 'Anmelden' }).click();
  await other.getByRole('heading', { name: 'Find a customer' }).waitFor();
  expect(await other.evaluate(() => document.documentElement.lang)).toBe('en');
  expect(await other.evaluate(() => localStorage.getItem('kulanz.language'))).toBe('en');
  await other.close();
});

function agentEmail(): string {
  return DEMO_LOGINS.find((l) => l.role === 'agent')!.email;
}
