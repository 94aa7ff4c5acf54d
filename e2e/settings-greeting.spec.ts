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

  const greeting = page.getByLabel('Begrüßung (Deutsch)');
  await page.getByText('„Guten Tag Erika Mustermann,“').waitFor();
  expect(await greeting.inputValue()).toBe('Guten Tag');
  expect(await page.getByLabel('Begrüßung (Englisch)').inputValue()).toBe('Dear');

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
