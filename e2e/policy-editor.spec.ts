import type { Browser } from 'playwright-core';
import { expect, it } from 'vitest';
import type { TestApp } from '../test/harness';
import { logIn, withBrowserDesk } from './desk';

let t: TestApp;
let browser: Browser;
let base: string;
withBrowserDesk((desk) => {
  ({ t, browser, base } = desk);
});

it('lets an admin lengthen the return window for goods from 30 to 45 days, review the diff, publish it for today, and the German public page says 45 days', async () => {
  const page = await browser.newPage({ locale: 'de-DE' });
  await logIn(page, base, 'admin');
  await page.getByRole('link', { name: 'Erstattungsrichtlinie' }).click();
  await page.getByTestId('policy-in-force').filter({ hasText: 'In Kraft: Version 1' }).waitFor();

  // a field the server refuses shows its problem at that field, and nothing is saved
  const otherDe = page.getByLabel('Deutscher Text für other');
  await otherDe.fill('');
  await page.getByTestId('policy-save').click();
  await page.getByTestId('policy-problems').waitFor();
  expect(await otherDe.getAttribute('aria-invalid')).toBe('true');
  expect(await t.db.selectFrom('policy_drafts').selectAll().execute()).toEqual([]);
  await otherDe.fill('Sonstiges');

  const days = page.getByLabel('Rückgabefenster Waren in Tagen');
  expect(await days.inputValue()).toBe('30');
  await days.fill('45');
  await page.getByTestId('policy-unsaved').waitFor();
  await page.getByTestId('policy-save').click();
  await page.getByText('Entwurf gespeichert').waitFor();

  // the diff, in words
  const change = page.getByTestId('policy-change');
  await change.first().waitFor();
  expect(await change.count()).toBe(1);
  expect((await change.first().locator('td').allInnerTexts()).map((s) => s.trim())).toEqual([
    'Rückgabefenster Waren (Tage)',
    '30',
    '45',
  ]);

  // before publishing, the simulation says what the draft would have changed in the last 12 months
  const summary = page.getByTestId('simulation-summary');
  await summary.waitFor();
  expect(await summary.innerText()).toMatch(/Anträgen wären anders bewertet worden|keine Erstattungsanträge/);

  // the effective date starts at today; publishing makes version 2 the one in force
  await page.getByTestId('policy-publish').click();
  await page.getByTestId('policy-in-force').filter({ hasText: 'In Kraft: Version 2' }).waitFor();
  expect(await page.getByTestId('policy-diff').count()).toBe(0);
  await page.getByTestId('policy-history').locator('tbody tr').nth(1).waitFor();
  const versions = await t.db.selectFrom('policy_versions').select(['version', 'published_by']).execute();
  expect(versions.map((v) => v.version).sort()).toEqual([1, 2]);

  // the public page, followed from the editor's link, in German
  const [customer] = await Promise.all([
    page.context().waitForEvent('page'),
    page.getByTestId('policy-public-link').click(),
  ]);
  await customer.waitForLoadState();
  expect(customer.url()).toBe(`${base}/policy?lang=de`);
  const text = await customer.locator('main').innerText();
  expect(text).toContain('Waren: 45 Tage ab Lieferung');
  expect(text).not.toContain('30 Tage ab Lieferung');
  expect(text).toMatch(/Version 2, gültig ab \d{2}\.\d{2}\.\d{4}/);
  await customer.close();
  await page.close();
});
