import type { Browser } from 'playwright-core';
import { expect, it } from 'vitest';
import { DAY } from '../src/platform/clock';
import { addPaidOrder, createAccountWithCase, markVerified } from '../test/factories';
import type { TestApp } from '../test/harness';
import { axeViolations, blocking, formatViolations } from './axe';
import { logIn, withBrowserDesk } from './desk';

// A lead reads the insights dashboard: filters to one acquisition channel, opens the numbers
// behind the reason chart as a table and, from one of its rows, the cases behind that bar.

let t: TestApp;
let browser: Browser;
let base: string;
withBrowserDesk((desk) => {
  ({ t, browser, base } = desk);
});

/** A customer won over `channel` with one refund request for `reason` recorded today. */
async function refundRequest(channel: string, lastName: string, reason: string) {
  const { account, kase } = await createAccountWithCase(t, { firstName: 'Dora', lastName });
  await t.db
    .updateTable('accounts')
    .set({ acquisition_channel: channel })
    .where('id', '=', account.id)
    .execute();
  await markVerified(t, kase.id);
  const { paymentId } = await addPaidOrder(t, account.id, {
    totalMinor: 3000,
    orderedAt: new Date(t.clock.now().getTime() - 5 * DAY),
  });
  const res = await (await t.login('agent')).post(`/api/cases/${kase.id}/refund-requests`, {
    paymentId,
    reasonCode: reason,
    customerWords: 'Bitte zurück.',
    mood: 'calm',
    requestedMinor: 3000,
    currency: 'EUR',
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { account, kase };
}

it('filters the dashboard to one channel and opens the cases behind one bar, accessibly', async () => {
  const referred = await refundRequest('referral', 'Empfohlen', 'not_satisfied');
  const searched = await refundRequest('search', 'Gesucht', 'not_satisfied');
  const page = await browser.newPage({ locale: 'de-DE', viewport: { width: 1440, height: 1000 } });
  await logIn(page, base, 'lead');
  await page.getByRole('link', { name: 'Auswertungen' }).click();
  await page.getByRole('heading', { name: 'Auswertungen' }).waitFor();
  await page.getByTestId('chart-reason').waitFor();
  await page.locator('input').and(page.getByLabel('Akquisekanal')).click();
  await page.getByRole('option', { name: 'Empfehlung' }).click();
  await page.waitForURL(/channel=referral/);
  const reasons = page.getByTestId('chart-reason');
  await reasons.getByRole('button', { name: 'Tabelle' }).click();
  const table = page.getByTestId('table-reason');
  await table.getByRole('columnheader', { name: 'Erstattungsanträge' }).waitFor();
  const row = table.getByRole('row').filter({ hasText: 'Nicht zufrieden, kein Nutzen' });
  // the channel filter leaves only the referred customer's request: the count comes from the server
  await expect
    .poll(async () => (await row.locator('td').allInnerTexts()).map((c) => c.trim()))
    .toEqual(['Nicht zufrieden, kein Nutzen', '0', '1', '0']);
  await row.getByRole('button', { name: 'Vorgänge zu Nicht zufrieden, kein Nutzen zeigen' }).press('Enter');
  const drill = page.getByTestId('dashboard-drilldown');
  const cases = drill.getByTestId('drilldown-row');
  await cases.first().waitFor();
  const texts = await cases.allInnerTexts();
  expect(texts.some((x) => x.includes(referred.kase.caseNumber))).toBe(true);
  expect(texts.some((x) => x.includes(searched.kase.caseNumber))).toBe(false);
  expect(texts.join('\n')).toContain(referred.account.accountNumber);
  const bad = blocking(await axeViolations(page));
  expect(bad.length, formatViolations('insights dashboard', bad)).toBe(0);
  expect(await drill.getByRole('cell', { name: 'offen' }).count()).toBeGreaterThan(0);
  await page.setViewportSize({ width: 1440, height: 1900 });
  await page.screenshot({ path: '.tmp/insights-1440.png' });
  await page.setViewportSize({ width: 960, height: 1000 });
  await page.screenshot({ path: '.tmp/insights-960.png' });
  // a click on a bar opens the cases behind it as well
  await page.setViewportSize({ width: 1440, height: 1000 });
  await page.getByTestId('chart-channel').locator('.recharts-bar-rectangle path').first().click();
  await drill.getByRole('heading', { name: 'Vorgänge: Empfehlung' }).waitFor();
  await drill.getByRole('link', { name: referred.kase.caseNumber }).click();
  await page.waitForURL(`${base}/cases/${referred.kase.id}`);
  await page.close();
});

it('shows an agent the dashboard in English without goodwill per person, from a digest-style link', async () => {
  const page = await browser.newPage({ locale: 'en-GB', viewport: { width: 1440, height: 1000 } });
  await logIn(page, base, 'agent');
  await page.getByRole('banner').getByText('EN', { exact: true }).click();
  await page.goto(`${base}/insights?from=2026-01-01&to=2026-01-31&grain=day`);
  await page.getByRole('heading', { name: 'Insights' }).waitFor();
  await page.getByTestId('dashboard-restricted').waitFor();
  expect(await page.getByLabel('From').inputValue()).toBe('1 Jan 2026');
  expect(await page.getByRole('radio', { name: 'Day' }).isChecked()).toBe(true);
  const csv = await page.getByTestId('chart-reason').getByRole('link', { name: 'CSV' }).getAttribute('href');
  expect(csv).toBe('/api/insights/dashboard.csv?from=2026-01-01&to=2026-01-31&grain=day&view=reason&lang=en');
  const bad = blocking(await axeViolations(page));
  expect(bad.length, formatViolations('insights dashboard (agent, en)', bad)).toBe(0);
  await page.close();
});
