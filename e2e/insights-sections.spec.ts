import type { Browser, Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import type { TestApp, TestClient } from '../test/harness';
import { axeViolations, blocking, formatViolations } from './axe';
import { PERIOD, seedDashboardPeriod } from './dashboard-data';
import { logIn, withBrowserDesk } from './desk';

// The dashboard's sections beyond the volume charts (issue 11) against the API's own numbers for
// a seeded quarter: by language and agent, exception approval by reason and approver, offers
// against the holdout, time to decision, satisfaction; German number formatting; the legends
// inside their cards at 1440 and 960 px; paging through the cases behind a bar; axe; and an
// agent's view without goodwill per person.

let t: TestApp;
let browser: Browser;
let base: string;
let lead: TestClient;
let agent: TestClient;
withBrowserDesk((desk) => {
  ({ t, browser, base } = desk);
});

const QUERY = `from=${PERIOD.from}&to=${PERIOD.to}&grain=month`;
// the numbers as a German reader expects them, from Intl (not from the app's helpers)
const de = (n: number | null, digits = 0) =>
  n === null ? '–' : new Intl.NumberFormat('de-DE', { maximumFractionDigits: digits }).format(n);
const pct = (share: number | null) =>
  share === null
    ? '–'
    : new Intl.NumberFormat('de-DE', { style: 'percent', maximumFractionDigits: 1 }).format(share);
const eur = (m: { amountMinor: number } | null) =>
  m === null
    ? '–'
    : new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' }).format(m.amountMinor / 100);
const h = (n: number | null) => (n === null ? '–' : `${de(n, 1)} h`);

let d: any;
const names = new Map<string, string>();
const reason = (code: string) => names.get(code) ?? code;

beforeAll(async () => {
  lead = await t.login('lead');
  agent = await t.login('agent');
  await seedDashboardPeriod(t, { lead, agent, admin: await t.login('admin') });
  const res = await lead.get(`/api/insights/dashboard?${QUERY}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  d = res.body;
  for (const r of (await lead.get('/api/refund-reasons')).body.items) names.set(r.code, r.de);
  for (const g of (await lead.get('/api/cancellation-reasons')).body.items)
    for (const r of [g, ...g.children]) names.set(r.code, r.label.de);
});

/** The cells of a section's table, row by row, after switching the section to its table. */
async function table(page: Page, id: string): Promise<string[][]> {
  const card = page.getByTestId(`chart-${id}`);
  await card.getByRole('button', { name: 'Tabelle' }).click();
  const rows = card.getByTestId(`table-${id}`).locator('tbody tr');
  await rows.first().waitFor();
  const out: string[][] = [];
  for (const row of await rows.all())
    out.push((await row.locator('td').allInnerTexts()).map((c) => c.trim()));
  return out;
}
const headers = async (page: Page, id: string) =>
  (await page.getByTestId(`table-${id}`).locator('th').allInnerTexts()).map((c) => c.trim());

/** Every legend entry lies inside its card, on the page as drawn. */
async function legendsInside(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('[data-testid=chart-legend]')].flatMap((legend) => {
      const card = legend.closest('section')!.getBoundingClientRect();
      return [...legend.querySelectorAll('p')]
        .filter((p) => {
          const r = p.getBoundingClientRect();
          return r.left < card.left || r.right > card.right || p.scrollWidth > p.clientWidth;
        })
        .map((p) => p.textContent ?? '');
    }),
  );
}

it('shows the new sections with the API’s numbers in German, legends whole, accessibly', async () => {
  // the seed gives every section rows; otherwise this test would check empty tables
  expect(d.breakdowns.language.length).toBe(2);
  expect(d.exceptionApproval.byApprover.length).toBe(2);
  expect(d.retention.offers.length).toBeGreaterThan(0);
  expect(d.satisfaction.byOutcome.length).toBeGreaterThan(1);

  const page = await browser.newPage({ locale: 'de-DE', viewport: { width: 1440, height: 1000 } });
  await logIn(page, base, 'lead');
  await page.goto(`${base}/insights?${QUERY}`);
  await page.getByTestId('chart-satisfactionByOutcome').waitFor();
  for (const width of [1440, 960]) {
    await page.setViewportSize({ width, height: 1000 });
    await page.waitForTimeout(300); // the charts measure their new width
    expect(await legendsInside(page), `legends cut off at ${width} px`).toEqual([]);
  }
  await page.setViewportSize({ width: 1440, height: 1000 });

  // KPI cards: German decimal commas, from the API's figures
  expect(await page.getByTestId('kpi-decision').innerText()).toContain(h(d.decisionTime.medianHours));
  expect(await page.getByTestId('kpi-decision').innerText()).toContain(
    `${pct(d.decisionTime.withinTargetShare)} im Ziel`,
  );
  expect(await page.getByTestId('kpi-refund-rate').innerText()).toContain(pct(d.refunds.refundRate));
  expect(await page.getByTestId('kpi-satisfaction').innerText()).toContain(de(d.satisfaction.average, 1));
  // and these figures really have decimals here, so the comma is tested, not assumed
  expect(pct(d.refunds.refundRate)).toMatch(/^\d+,\d\u00a0%$/);
  expect(de(d.satisfaction.average, 1)).toMatch(/^\d,\d$/);

  const langName: Record<string, string> = { de: 'Deutsch', en: 'Englisch' };
  expect(await table(page, 'language')).toEqual(
    d.breakdowns.language.map((r: any) => [
      langName[r.key],
      de(r.cancellations),
      de(r.refundRequests),
      de(r.exceptions),
    ]),
  );
  expect(await table(page, 'agent')).toEqual(
    d.breakdowns.agent.map((r: any) => [
      r.name ?? r.key,
      de(r.cancellations),
      de(r.refundRequests),
      de(r.exceptions),
      eur(r.goodwillCost),
    ]),
  );
  expect(await headers(page, 'agent')).toContain('Kulanzkosten');
  expect(await table(page, 'exceptionsByReason')).toEqual(
    d.exceptionApproval.byReason.map((r: any) => [reason(r.key), de(r.decided), de(r.approved), pct(r.rate)]),
  );
  expect(await table(page, 'exceptionsByApprover')).toEqual(
    d.exceptionApproval.byApprover.map((r: any) => [
      r.name ?? r.key,
      de(r.decided),
      de(r.approved),
      pct(r.rate),
      eur(r.goodwillCost),
    ]),
  );
  const r = d.retention;
  expect(await table(page, 'offers')).toEqual([
    ...r.offers.map((o: any) => [o.title.de, de(o.shown), de(o.accepted), de(o.saves), pct(o.saveRate)]),
    [
      'Kontrollgruppe (ohne Angebot)',
      de(r.holdout.cases),
      '–',
      de(r.holdout.retained),
      pct(r.holdout.retentionRate),
    ],
  ]);
  const lift = r.lift === null ? '–' : `${r.lift > 0 ? '+' : ''}${de(r.lift * 100, 1)} Prozentpunkte`;
  expect(await page.getByTestId('summary-offers').innerText()).toBe(
    `Mit Angebot gehalten: ${pct(r.offered.saveRate)} · Kontrollgruppe: ${pct(r.holdout.retentionRate)} · Unterschied: ${lift}`,
  );
  const x = d.decisionTime;
  expect(await table(page, 'decisionTime')).toEqual([
    ['Median', h(x.medianHours)],
    ['90 % entschieden binnen', h(x.p90Hours)],
    ['Ziel', h(x.targetHours)],
  ]);
  expect(await page.getByTestId('summary-decisionTime').innerText()).toBe(
    `${de(x.withinTarget)} von ${de(x.decided)} Entscheidungen im Ziel von ${de(x.targetHours)} h (${pct(x.withinTargetShare)})`,
  );
  const outcome: Record<string, string> = {
    open: 'offen',
    cancelled: 'gekündigt',
    retained: 'gehalten',
    withdrawn: 'zurückgezogen',
    approved: 'genehmigt',
    denied: 'abgelehnt',
    failed: 'fehlgeschlagen',
  };
  expect(await table(page, 'satisfactionByReason')).toEqual(
    d.satisfaction.byReason.map((s: any) => [reason(s.key), de(s.answers), de(s.average, 2), de(s.low)]),
  );
  expect(await table(page, 'satisfactionByOutcome')).toEqual(
    d.satisfaction.byOutcome.map((s: any) => [outcome[s.key], de(s.answers), de(s.average, 2), de(s.low)]),
  );
  expect(await page.getByTestId('summary-satisfactionByOutcome').innerText()).toBe(
    `${de(d.satisfaction.answers)} Antworten, davon ${de(d.satisfaction.low)} mit 1–2 Sternen`,
  );
  // every section's CSV is the matching view with the page's filters
  for (const view of [
    'language',
    'agent',
    'exceptionsByReason',
    'exceptionsByApprover',
    'offers',
    'satisfactionByReason',
    'satisfactionByOutcome',
  ])
    expect(
      await page.getByTestId(`chart-${view}`).getByRole('link', { name: 'CSV' }).getAttribute('href'),
    ).toBe(`/api/insights/dashboard.csv?${QUERY}&view=${view}&lang=de`);

  // the exceptions one approver decided: as many cases as the approval table says
  const approver = d.exceptionApproval.byApprover[0];
  await page
    .getByTestId('table-exceptionsByApprover')
    .getByRole('button', { name: `Vorgänge zu ${approver.name} zeigen` })
    .click();
  const drill = page.getByTestId('dashboard-drilldown');
  await drill.getByRole('heading', { name: `Vorgänge: Ausnahmen – ${approver.name}` }).waitFor();
  await expect.poll(() => drill.getByTestId('drilldown-row').count()).toBe(approver.decided);
  expect(await drill.getByRole('cell', { name: /Ausnahme/ }).count()).toBe(approver.decided);

  const bad = blocking(await axeViolations(page));
  expect(bad.length, formatViolations('insights dashboard sections', bad)).toBe(0);
  await page.setViewportSize({ width: 1440, height: 1000 });
  await page.getByTestId('dashboard-drilldown').getByRole('button', { name: 'Schließen' }).click();
  // the README's screenshot: the whole page on this seeded quarter, charts (not tables) showing
  await page.reload();
  await page.getByTestId('chart-satisfactionByOutcome').waitFor();
  await page.waitForTimeout(500);
  await page.screenshot({ path: '.tmp/insights-sections-1440.png', fullPage: true });
  await page.setViewportSize({ width: 960, height: 1000 });
  await page.waitForTimeout(300);
  await page.screenshot({ path: '.tmp/insights-sections-960.png', fullPage: true });
  await page.close();
});

it('pages through the cases behind a bar with the API’s cursor', async () => {
  const row = d.breakdowns.language.find((r: any) => r.key === 'de');
  const total = row.cancellations + row.refundRequests;
  expect(total).toBeGreaterThan(50); // more than one page, or "more" would have nothing to load
  const page = await browser.newPage({ locale: 'de-DE', viewport: { width: 1440, height: 1000 } });
  await logIn(page, base, 'lead');
  await page.goto(`${base}/insights?${QUERY}`);
  await page.getByTestId('chart-language').waitFor();
  await table(page, 'language');
  await page.getByRole('button', { name: 'Vorgänge zu Deutsch zeigen' }).click();
  const drill = page.getByTestId('dashboard-drilldown');
  const rows = drill.getByTestId('drilldown-row');
  await expect.poll(() => rows.count()).toBe(50);
  expect(await drill.getByTestId('drilldown-count').innerText()).toBe(
    '50 Vorgänge gezeigt, es gibt weitere.',
  );
  const firstPage = await rows.allInnerTexts();
  await drill.getByRole('button', { name: 'Weitere Vorgänge laden' }).click();
  await expect.poll(() => rows.count()).toBe(Math.min(total, 100));
  const all = await rows.allInnerTexts();
  expect(all.slice(0, 50)).toEqual(firstPage);
  // every case once: the second page continues where the first ended
  const numbers = all.map((text) => text.split('\t')[0]);
  expect(new Set(numbers).size).toBe(numbers.length);
  if (total <= 100) {
    expect(await drill.getByTestId('drilldown-count').innerText()).toBe(`Alle ${de(total)} Vorgänge.`);
    expect(await drill.getByRole('button', { name: 'Weitere Vorgänge laden' }).count()).toBe(0);
  }
  await page.close();
});

it('shows an agent the sections in English without goodwill per person', async () => {
  const res = await agent.get(`/api/insights/dashboard?${QUERY}`);
  expect(res.body.restricted).toBe(true);
  const page = await browser.newPage({ locale: 'en-GB', viewport: { width: 1440, height: 1000 } });
  await logIn(page, base, 'agent');
  await page.getByRole('banner').getByText('EN', { exact: true }).click();
  await page.goto(`${base}/insights?${QUERY}`);
  await page.getByTestId('chart-exceptionsByApprover').waitFor();
  for (const id of ['agent', 'exceptionsByApprover']) {
    await page.getByTestId(`chart-${id}`).getByRole('button', { name: 'Table' }).click();
    await page.getByTestId(`table-${id}`).waitFor();
    expect(await headers(page, id)).not.toContain('Goodwill cost');
  }
  const x = res.body.decisionTime;
  const en = (n: number) => new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 }).format(n);
  expect(await page.getByTestId('kpi-decision').innerText()).toContain(`${en(x.medianHours)} h`);
  const bad = blocking(await axeViolations(page));
  expect(bad.length, formatViolations('insights dashboard sections (agent, en)', bad)).toBe(0);
  await page.close();
});
