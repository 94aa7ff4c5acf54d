import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { getSetting } from '../src/modules/settings';
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

it('lets an admin change the German greeting, shows how it reads, and refuses template tags', async () => {
  const page = await browser.newPage({ locale: 'de-DE' });
  await page.goto(base);
  await page.getByLabel('E-Mail').fill('admin@kulanz.test');
  await page.getByLabel('Passwort').fill('kulanz-admin-1');
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await page.getByRole('link', { name: 'Einstellungen' }).click();

  const greeting = page.getByLabel('Begrüßung (Deutsch)');
  await page.getByText('„Guten Tag Erika Mustermann,“').waitFor();
  expect(await greeting.inputValue()).toBe('Guten Tag');
  expect(await page.getByLabel('Begrüßung (Englisch)').inputValue()).toBe('Dear');

  await greeting.fill('Moin {{customer.firstName}}');
  await page.getByTestId('desk-save').click();
  await page.getByText('must not contain template tags').waitFor();
  expect((await getSetting(t.db, 'desk')).greeting.de).toBe('Guten Tag');

  await greeting.fill('Moin');
  await page.getByText('„Moin Erika Mustermann,“').waitFor();
  await page.getByTestId('desk-save').click();
  await page.getByText('Gespeichert').waitFor();
  expect((await getSetting(t.db, 'desk')).greeting).toEqual({ de: 'Moin', en: 'Dear' });
  await page.close();
});
