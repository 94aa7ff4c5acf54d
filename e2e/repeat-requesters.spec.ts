import type { Browser } from 'playwright-core';
import { expect, it } from 'vitest';
import { DAY } from '../src/platform/clock';
import { addPaidOrder, createAccountWithCase, markVerified } from '../test/factories';
import type { TestApp } from '../test/harness';
import { logIn, withBrowserDesk } from './desk';

// A lead reviews the customers who asked for money back again and again: the list in German,
// the account and the last case one click away.

let t: TestApp;
let browser: Browser;
let base: string;
withBrowserDesk((desk) => {
  ({ t, browser, base } = desk);
});

it('shows a lead the accounts with several refund requests, with exceptions, payouts and the last case', async () => {
  const { account, kase } = await createAccountWithCase(t, { firstName: 'Rita', lastName: 'Wiederholt' });
  await markVerified(t, kase.id);
  const agent = await t.login('agent');
  for (const bought of [3, 200]) {
    const { paymentId } = await addPaidOrder(t, account.id, {
      totalMinor: 2500,
      orderedAt: new Date(t.clock.now().getTime() - bought * DAY),
    });
    const res = await agent.post(`/api/cases/${kase.id}/refund-requests`, {
      paymentId,
      reasonCode: 'not_satisfied',
      customerWords: 'Bitte zurück.',
      mood: 'calm',
      requestedMinor: 2500,
      currency: 'EUR',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  }
  const page = await browser.newPage({ locale: 'de-DE', viewport: { width: 1440, height: 900 } });
  await logIn(page, base, 'lead');
  await page.getByRole('link', { name: 'Wiederholte Anträge' }).click();
  const row = page.getByTestId('repeat-row').filter({ hasText: 'Rita Wiederholt' });
  await row.waitFor();
  const cells = (await row.locator('td').allInnerTexts()).map((c) => c.trim());
  expect(cells[0]).toContain(account.accountNumber);
  expect(cells.slice(1, 3)).toEqual(['2', '1']);
  await page.screenshot({ path: '.tmp/repeat-1440.png' });
  await page.setViewportSize({ width: 960, height: 900 });
  await page.screenshot({ path: '.tmp/repeat-960.png' });
  await row.locator('td').last().getByRole('link').click();
  await page.waitForURL(`${base}/cases/${kase.id}`);
  await page.close();
});
