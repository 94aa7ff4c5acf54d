import type { Browser } from 'playwright-core';
import { expect, it } from 'vitest';
import { getSetting } from '../src/modules/settings';
import type { TestApp } from '../test/harness';
import { logIn, withBrowserDesk } from './desk';

let t: TestApp;
let browser: Browser;
let base: string;
withBrowserDesk((desk) => {
  ({ t, browser, base } = desk);
});

it('lets an admin change the German greeting, shows how it reads, and refuses template tags in German', async () => {
  const page = await browser.newPage({ locale: 'de-DE' });
  await logIn(page, base, 'admin');
  await page.getByRole('link', { name: 'Einstellungen' }).click();

  const greeting = page.getByLabel('Begrüßung (Deutsch)', { exact: true });
  await page.getByText('„Guten Tag Erika Mustermann,“').waitFor();
  expect(await greeting.inputValue()).toBe('Guten Tag');
  expect(await page.getByLabel('Begrüßung (Englisch)', { exact: true }).inputValue()).toBe('Dear');

  await greeting.fill('Moin {{customer.firstName}}');
  await page.getByTestId('desk-save').click();
  await page.getByText('Bitte keine Vorlagen-Platzhalter {{ }} verwenden').waitFor();
  expect((await getSetting(t.db, 'desk')).greeting.de).toBe('Guten Tag');

  await greeting.fill('Moin');
  await page.getByText('„Moin Erika Mustermann,“').waitFor();
  await page.getByTestId('desk-save').click();
  await page.getByText('Gespeichert').waitFor();
  expect((await getSetting(t.db, 'desk')).greeting).toEqual({ de: 'Moin', en: 'Dear' });
  await page.close();
});

it('lets an admin word the phone greeting, which agents then see on the search page with their own name', async () => {
  const page = await browser.newPage({ locale: 'de-DE' });
  await logIn(page, base, 'admin');
  await page.getByRole('link', { name: 'Einstellungen' }).click();
  const german = page.getByLabel('Telefon-Begrüßung (Deutsch)');
  await german.fill('Hallo {{kunde}}');
  await page.getByTestId('call-script-save').click();
  await page.getByText('Bitte nur {{agent.name}} und {{company.name}} als Platzhalter verwenden').waitFor();
  expect((await getSetting(t.db, 'call_script')).de).toContain('{{agent.name}}');

  await german.fill('Servus bei {{company.name}}, hier spricht {{agent.name}}.');
  await page.getByTestId('call-script-save').click();
  await page.getByText('Gespeichert').waitFor();
  await page.close();

  const agentPage = await browser.newPage({ locale: 'de-DE' });
  await logIn(agentPage, base, 'agent');
  const me = await t.db
    .selectFrom('staff_users')
    .select('display_name')
    .where('role', '=', 'agent')
    .orderBy('created_at')
    .executeTakeFirstOrThrow();
  const text = agentPage.getByTestId('call-script-text');
  await text.filter({ hasText: `Servus bei Kulanz Demo GmbH, hier spricht ${me.display_name}.` }).waitFor();
  // the caller speaks English: one click switches the script
  await agentPage.getByTestId('call-script').locator('label', { hasText: 'EN' }).click();
  await text.filter({ hasText: `this is ${me.display_name}` }).waitFor();
  // once the agent searches, the script makes room for the results
  await agentPage.getByTestId('search-input').fill('K1000001');
  await agentPage.getByTestId('search-hit').first().waitFor();
  expect(await agentPage.getByTestId('call-script').count()).toBe(0);
  await agentPage.close();
});
