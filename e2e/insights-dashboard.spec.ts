import type { Browser } from 'playwright-core';
import { expect, it } from 'vitest';
import { evaluate, type PolicyDocument, policyDocument } from '../src/modules/policy';
import { addDays, DAY, startOfBusinessDate } from '../src/platform/clock';
import { addPaidOrder, createAccountWithCase, markVerified } from '../test/factories';
import type { TestApp } from '../test/harness';
import en from '../web/src/i18n/en.json';
import { axeViolations, blocking, formatViolations } from './axe';
import { logIn, withBrowserDesk } from './desk';

// A lead reads the insights dashboard: filters to one acquisition channel, opens the numbers
// behind the reason chart as a table and, from one of its rows, the cases behind that bar; then
// asks what a longer return window for goods would have changed in the period.

let t: TestApp;
let browser: Browser;
let base: string;
withBrowserDesk((desk) => {
  ({ t, browser, base } = desk);
});

/** A customer won over `channel` with one refund request for `reason` recorded today, `daysAgo` days after delivery. */
async function refundRequest(channel: string, lastName: string, reason: string, daysAgo = 5) {
  const { account, kase } = await createAccountWithCase(t, { firstName: 'Dora', lastName });
  await t.db
    .updateTable('accounts')
    .set({ acquisition_channel: channel })
    .where('id', '=', account.id)
    .execute();
  await markVerified(t, kase.id);
  const { paymentId } = await addPaidOrder(t, account.id, {
    totalMinor: 3000,
    orderedAt: new Date(t.clock.now().getTime() - daysAgo * DAY),
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

type Outcome = {
  decision: string;
  recommended: { amountMinor: number; currency: string };
  inPolicy: boolean;
};

/**
 * What the what-if must answer, worked out here from the database: every refund request of the
 * period (from customers won over `channel`, if given), its stored evaluation against `evaluate` on its stored
 * facts under the policy in force with goods' window set to `physicalDays`. (The test database
 * is seeded without desk history, so the requests are the ones this file records.)
 */
async function expectedWhatIf(
  period: { from: string; to: string },
  channel: string | null,
  physicalDays: number,
) {
  const lead = await t.login('lead');
  const { version } = (await lead.get('/api/policy-simulations/what-if')).body as { version: number };
  const row = await t.db
    .selectFrom('policy_versions')
    .select('document')
    .where('version', '=', version)
    .executeTakeFirstOrThrow();
  const inForce: PolicyDocument = policyDocument.parse(row.document);
  const adjusted: PolicyDocument = {
    ...inForce,
    returnWindows: {
      ...inForce.returnWindows,
      physical: { ...inForce.returnWindows.physical!, days: physicalDays },
    },
  };
  let query = t.db
    .selectFrom('refund_requests')
    .innerJoin('accounts', 'accounts.id', 'refund_requests.account_id')
    .select(['case_id', 'facts', 'evaluation', 'evaluated_at']);
  if (channel) query = query.where('accounts.acquisition_channel', '=', channel);
  const stored = await query
    .where('refund_requests.created_at', '>=', startOfBusinessDate(period.from, 'Europe/Berlin'))
    .where('refund_requests.created_at', '<', startOfBusinessDate(addDays(period.to, 1), 'Europe/Berlin'))
    .execute();
  let requests = 0;
  let difference = 0;
  let changed = 0;
  const changedCases = new Set<string>();
  const flips = new Map<string, number>();
  for (const r of stored) {
    const then = r.evaluation as Outcome & { approval: { recommended: string } };
    if (then.recommended.currency !== 'EUR') continue;
    const now = evaluate(r.facts as never, adjusted, r.evaluated_at);
    requests++;
    difference += now.recommended.amountMinor - then.recommended.amountMinor;
    if (then.decision !== now.decision) {
      const flip = `${then.decision}>${now.decision}`;
      flips.set(flip, (flips.get(flip) ?? 0) + 1);
    }
    if (
      then.decision !== now.decision ||
      then.recommended.amountMinor !== now.recommended.amountMinor ||
      then.inPolicy !== now.inPolicy ||
      then.approval.recommended !== now.approval.recommended
    ) {
      changed++;
      changedCases.add(r.case_id);
    }
  }
  return { requests, changed, difference, changedCases, flips, days: inForce.returnWindows.physical!.days };
}

const DECISIONS_DE: Record<string, string> = {
  approve: 'Genehmigen',
  approve_partial: 'Teilweise genehmigen',
  deny: 'Ablehnen',
  escalate: 'Eskalieren',
};

it('filters the dashboard to one channel, opens the cases behind one bar and simulates a longer return window, accessibly', async () => {
  const referred = await refundRequest('referral', 'Empfohlen', 'not_satisfied');
  const searched = await refundRequest('search', 'Gesucht', 'not_satisfied');
  // 40 days after delivery: outside the 30 days for goods, inside 45
  const late = await refundRequest('referral', 'Spaet', 'changed_mind', 40);
  // 90 days: outside both; 44 days from a search customer: changes too, but not on this channel
  await refundRequest('referral', 'Alt', 'changed_mind', 90);
  const lateSearched = await refundRequest('search', 'Spaetgesucht', 'changed_mind', 44);
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
  expect((await drill.getByTestId('drilldown-row').allInnerTexts()).join('\n')).toContain(
    late.kase.caseNumber,
  );

  // what if goods could be returned for 45 days? the dashboard's period, replayed
  const shown = (await (await t.login('lead')).get('/api/insights/dashboard?channel=referral')).body as {
    period: { from: string; to: string };
  };
  const expected = await expectedWhatIf(shown.period, 'referral', 45);
  expect(expected.changedCases.has(late.kase.id)).toBe(true);
  expect(expected.requests).toBeGreaterThanOrEqual(3);
  const whatIf = page.getByTestId('what-if');
  await whatIf.scrollIntoViewIfNeeded();
  const days = whatIf.getByLabel('Rückgabefenster Waren (Tage)');
  await days.waitFor();
  expect(await days.inputValue()).toBe(String(expected.days));
  expect(await whatIf.getByTestId('what-if-scope').innerText()).toBe('Nur: Akquisekanal Empfehlung.');
  expect(await whatIf.getByRole('button', { name: 'Simulieren' }).isDisabled()).toBe(true);
  await days.fill('45');
  await whatIf.getByRole('button', { name: 'Simulieren' }).click();
  const result = whatIf.getByTestId('what-if-result');
  await result.waitFor();
  const euros = new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' }).format(
    expected.difference / 100,
  );
  expect(await result.getByTestId('simulation-summary').innerText()).toBe(
    `${expected.changed} von ${expected.requests} Anträgen wären anders bewertet worden; empfohlene Erstattungen ${expected.difference > 0 ? '+' : ''}${euros}.`,
  );
  expect(await result.getByTestId('what-if-changes').innerText()).toBe(
    'Rückgabefenster Waren (Tage): 30 → 45',
  );
  const flips = [...expected.flips.entries()]
    .map(([k, n]) => {
      const [from, to] = k.split('>') as [string, string];
      return `${n}× ${DECISIONS_DE[from]} → ${DECISIONS_DE[to]}`;
    })
    .sort();
  expect(
    (await result.getByTestId('simulation-flips').locator('.mantine-Badge-label').allInnerTexts()).sort(),
  ).toEqual(flips);
  // the changed requests, each linked to its case: all of them among those the database says changed
  const links = await result
    .getByTestId('simulation-cases')
    .getByRole('link')
    .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  expect(links.length).toBe(Math.min(50, expected.changed));
  for (const href of links) expect(expected.changedCases.has(href!.replace('/cases/', ''))).toBe(true);
  if (expected.changed <= 50) expect(links).toContain(`/cases/${late.kase.id}`);
  expect(links).not.toContain(`/cases/${lateSearched.kase.id}`);
  await whatIf.screenshot({ path: '.tmp/what-if.png' });
  const afterWhatIf = blocking(await axeViolations(page));
  expect(afterWhatIf.length, formatViolations('insights dashboard, what-if', afterWhatIf)).toBe(0);
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
  // the what-if is for leads and admins (the server refuses agents too)
  expect(await page.getByTestId('what-if').count()).toBe(0);
  expect(await page.getByLabel('From').inputValue()).toBe('1 Jan 2026');
  expect(await page.getByRole('radio', { name: 'Day' }).isChecked()).toBe(true);
  const csv = await page.getByTestId('chart-reason').getByRole('link', { name: 'CSV' }).getAttribute('href');
  expect(csv).toBe('/api/insights/dashboard.csv?from=2026-01-01&to=2026-01-31&grain=day&view=reason&lang=en');
  const bad = blocking(await axeViolations(page));
  expect(bad.length, formatViolations('insights dashboard (agent, en)', bad)).toBe(0);
  await page.close();
});

it('asks a lead in English what a longer window would do, and names a change that does not fit the policy', async () => {
  const page = await browser.newPage({ locale: 'en-GB', viewport: { width: 1440, height: 1000 } });
  await logIn(page, base, 'lead');
  await page.getByRole('banner').getByText('EN', { exact: true }).click();
  await page.goto(`${base}/insights`);
  const whatIf = page.getByTestId('what-if');
  await whatIf.getByRole('heading', { name: 'What if …' }).waitFor();
  expect(await whatIf.getByTestId('what-if-scope').innerText()).toBe('All channels and reasons.');
  // more goodwill per request than a customer may get in 12 months (500 €): refused, naming the field
  const goodwill = whatIf.getByLabel('Goodwill per request at most');
  await goodwill.fill('600');
  await whatIf.getByRole('button', { name: 'Simulate' }).click();
  const alert = whatIf.getByRole('alert');
  await alert.waitFor();
  expect(await alert.innerText()).toBe(en.errors.SIMULATION_ADJUSTMENT_INVALID);
  const refused = blocking(await axeViolations(page));
  expect(refused.length, formatViolations('what-if refused (en)', refused)).toBe(0);
  await goodwill.fill('250');
  await whatIf.getByLabel('Return window for Physical goods (days)').fill('45');
  await whatIf.getByRole('button', { name: 'Simulate' }).click();
  const result = whatIf.getByTestId('what-if-result');
  await result.waitFor();
  const shown = (await (await t.login('lead')).get('/api/insights/dashboard')).body as {
    period: { from: string; to: string };
  };
  const expected = await expectedWhatIf(shown.period, null, 45);
  const euros = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR' }).format(
    expected.difference / 100,
  );
  expect(await result.getByTestId('simulation-summary').innerText()).toBe(
    `${expected.changed} of ${expected.requests} requests would have been evaluated differently; recommended refunds ${expected.difference > 0 ? '+' : ''}${euros}.`,
  );
  expect(await result.getByTestId('what-if-changes').innerText()).toBe(
    'Return window for Physical goods (days): 30 → 45',
  );
  await page.close();
});
