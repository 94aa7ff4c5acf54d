import type { Browser, Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { DAY } from '../src/platform/clock';
import { addPaidOrder, createAccount, markVerified } from '../test/factories';
import type { TestApp } from '../test/harness';
import { logIn, withBrowserDesk } from './desk';

// The refund panel as the workspace: an agent documents an exception with a photo (chosen with
// the button; a PDF dropped on the zone; a disguised HTML page refused), the lead sees the photo in
// the exceptions queue's detail and decides, and the agent reads the phone script and saves the
// drafted account note. The case timeline says every refund step in words, never a raw code.

let t: TestApp;
let browser: Browser;
let base: string;
withBrowserDesk((desk) => {
  ({ t, browser, base } = desk);
});

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const PDF = '%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n';
const SHOTS = process.env.KULANZ_SCREENSHOTS;

/** An angry customer's verified refund case with an exception waiting in the queue (120 €, 45 days ago). */
async function exceptionInQueue(lastName: string) {
  const account = await createAccount(t, { firstName: 'Rita', lastName });
  const { paymentId } = await addPaidOrder(t, account.id, {
    totalMinor: 12_000,
    category: 'physical',
    orderedAt: new Date(t.clock.now().getTime() - 45 * DAY),
  });
  const agent = await t.login('agent');
  const opened = await agent.post('/api/cases', {
    accountId: account.id,
    type: 'refund',
    channel: 'phone',
    mood: 'angry',
  });
  expect(opened.status).toBe(201);
  await markVerified(t, opened.body.id);
  const created = await agent.post(`/api/cases/${opened.body.id}/refund-requests`, {
    paymentId,
    reasonCode: 'poor_support',
    customerWords: 'Das Gerät kam zerkratzt an, und der Support antwortet nicht.',
    mood: 'angry',
    requestedMinor: 12_000,
    currency: 'EUR',
  });
  expect(created.status).toBe(201);
  if (created.body.status === 'evaluated')
    expect((await agent.post(`/api/refund-requests/${created.body.id}/escalate`, {})).status).toBe(200);
  return {
    accountId: account.id,
    caseId: opened.body.id as string,
    caseNumber: opened.body.caseNumber as string,
    requestId: created.body.id as string,
  };
}

/** Drops files on the element as a browser's drag and drop would. */
async function dropFiles(
  page: Page,
  testId: string,
  files: Array<{ name: string; type: string; text: string }>,
) {
  const transfer = await page.evaluateHandle((list) => {
    const dt = new DataTransfer();
    for (const f of list) dt.items.add(new File([f.text], f.name, { type: f.type }));
    return dt;
  }, files);
  const zone = page.getByTestId(testId);
  await zone.dispatchEvent('dragover', { dataTransfer: transfer });
  await zone.dispatchEvent('drop', { dataTransfer: transfer });
}

it('documents an exception with evidence, shows it to the lead, then gives the agent the script and the note', async () => {
  const c = await exceptionInQueue('Kratzer');
  const page = await browser.newPage({ locale: 'de-DE', viewport: { width: 1440, height: 1100 } });
  await logIn(page, base, 'agent');
  await page.goto(`${base}/cases/${c.caseId}`);
  const panel = page.getByTestId('refund-panel');
  const evidence = panel.getByTestId('refund-evidence');
  await evidence.getByText('Noch keine Nachweise angehängt.').waitFor();

  // the button is a real, focusable button: the keyboard reaches it (once the page has settled)
  await page.waitForLoadState('networkidle');
  const choose = evidence.getByRole('button', { name: 'Dateien auswählen' });
  await choose.focus();
  expect(await choose.evaluate((el) => el === document.activeElement)).toBe(true);
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), choose.press('Enter')]);
  await chooser.setFiles({ name: 'schaden.png', mimeType: 'image/png', buffer: PNG });
  await evidence.getByText('schaden.png angehängt').waitFor();
  const item = evidence.getByTestId('evidence-item').filter({ hasText: 'schaden.png' });
  await item.waitFor();
  expect(await item.textContent()).toMatch(/PNG-Bild · 70 B · Anna Agentin/);

  // dropped on the zone: a PDF is taken, an HTML page calling itself .png is refused in words
  await dropFiles(page, 'evidence-drop', [
    { name: 'rechnung.pdf', type: 'application/pdf', text: PDF },
    { name: 'foto.png', type: 'image/png', text: '<!doctype html><script>alert(1)</script>' },
  ]);
  await evidence.getByText('rechnung.pdf angehängt').waitFor();
  await evidence.getByText(/^foto\.png: Anhängen lassen sich nur Bilder/).waitFor();
  await page.locator('[data-testid="refund-evidence"][data-count="2"]').waitFor();
  const stored = await t.db
    .selectFrom('refund_request_evidence')
    .select(['file_name', 'content_type'])
    .where('request_id', '=', c.requestId)
    .orderBy('uploaded_at')
    .execute();
  expect(stored.map((s) => [s.file_name, s.content_type]).sort()).toEqual([
    ['rechnung.pdf', 'application/pdf'],
    ['schaden.png', 'image/png'],
  ]);
  // the thumbnail loads from the staff-only download
  await item.locator('img').evaluate(async (img: HTMLImageElement) => {
    if (!img.complete) await new Promise((done) => img.addEventListener('load', done));
  });
  expect(await item.locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1);
  if (SHOTS) {
    await page.screenshot({ path: `${SHOTS}/evidence-agent-1440.png`, fullPage: true });
    await page.setViewportSize({ width: 960, height: 1100 });
    await page.screenshot({ path: `${SHOTS}/evidence-agent-960.png`, fullPage: true });
    await page.setViewportSize({ width: 1440, height: 1100 });
  }
  // one column below md: the refund workspace comes right after the verification, before the timeline
  await page.setViewportSize({ width: 960, height: 1100 });
  await panel.waitFor();
  const order = await page.evaluate(() => {
    const at = (sel: string) => document.querySelector(sel)?.getBoundingClientRect().top ?? -1;
    return { panel: at('[data-testid="refund-panel"]'), timeline: at('[data-testid="case-timeline"]') };
  });
  expect(order.panel).toBeGreaterThan(0);
  expect(order.panel).toBeLessThan(order.timeline);
  await page.setViewportSize({ width: 1440, height: 1100 });
  await panel.getByTestId('refund-evidence').waitFor();

  // the lead sees the photo in the exceptions queue's detail and decides
  const leadPage = await browser.newPage({ locale: 'de-DE', viewport: { width: 1440, height: 1000 } });
  await logIn(leadPage, base, 'lead');
  await leadPage.getByRole('navigation').getByRole('link', { name: 'Ausnahmen' }).click();
  const row = leadPage.getByTestId('exception-row').filter({ hasText: c.caseNumber });
  await row.getByRole('link').first().click();
  const detail = leadPage.getByTestId('exception-request');
  const seen = detail.getByTestId('evidence-item').filter({ hasText: 'schaden.png' });
  await seen.waitFor();
  expect(await detail.getByTestId('evidence-item').count()).toBe(2);
  const href = await seen.getByRole('link', { name: 'Herunterladen' }).getAttribute('href');
  const download = await leadPage.request.get(`${base}${href}`);
  expect(download.status()).toBe(200);
  expect(download.headers()['content-type']).toBe('image/png');
  expect(download.headers()['x-content-type-options']).toBe('nosniff');
  expect(Buffer.from(await download.body()).equals(PNG)).toBe(true);
  if (SHOTS) await leadPage.screenshot({ path: `${SHOTS}/evidence-lead-1440.png`, fullPage: true });
  const decision = leadPage.getByTestId('refund-decision-form');
  await decision.getByText('Teilweise', { exact: true }).click();
  await decision.getByLabel(/Betrag in €/).fill('50,00');
  await decision.getByLabel('Begründung der Entscheidung').fill('Kulanz wegen des Schadens auf dem Foto');
  await decision.getByRole('button', { name: 'Teilweise genehmigen' }).click();
  await detail.locator('[data-status="executed"]').waitFor();
  // decided: the documentation is closed
  await detail.getByText('Der Antrag ist entschieden: die Dokumentation ist abgeschlossen.').waitFor();
  await leadPage.close();

  // back at the desk: the phone script in the customer's German, and the drafted note to save
  await page.reload();
  const script = page.getByTestId('refund-script');
  await script.waitFor();
  expect(await script.getAttribute('data-language')).toBe('de');
  expect(await script.textContent()).toContain('Stimmung: wütend');
  expect(await script.getByTestId('refund-script-lines').textContent()).toMatch(/50,00\s€/);
  await script.getByRole('button', { name: 'Gesprächstext kopieren' }).waitFor();
  const draft = page.getByTestId('refund-note-draft');
  await draft.waitFor();
  const reason = draft.getByLabel(/^Anlass des Kontakts/);
  expect(await reason.inputValue()).not.toBe('');
  const actions = draft.getByLabel(/^Ergriffene Maßnahmen/);
  expect(await actions.inputValue()).toMatch(/50,00\s€/);
  // (resizing across the breakpoint moves the panel and starts the draft afresh: shots first)
  if (SHOTS) {
    await page.screenshot({ path: `${SHOTS}/evidence-decided-1440.png`, fullPage: true });
    await page.setViewportSize({ width: 960, height: 1100 });
    await page.screenshot({ path: `${SHOTS}/evidence-decided-960.png`, fullPage: true });
    await page.setViewportSize({ width: 1440, height: 1100 });
    await expect.poll(() => actions.inputValue()).toMatch(/50,00\s€/);
  }
  await actions.fill(`${await actions.inputValue()} Foto des Schadens liegt vor.`);
  await draft.getByRole('button', { name: 'Als Kontonotiz speichern' }).click();
  await panel
    .getByTestId('refund-note-saved')
    .getByText(/^Als Kontonotiz gespeichert/)
    .waitFor();
  const notes = await t.db
    .selectFrom('notes')
    .select(['actions_taken', 'case_id'])
    .where('account_id', '=', c.accountId)
    .execute();
  expect(notes).toHaveLength(1);
  expect(notes[0]!.case_id).toBe(c.caseId);
  expect(notes[0]!.actions_taken).toContain('Foto des Schadens liegt vor.');
  const commitments = await t.db
    .selectFrom('commitments')
    .select('description')
    .where('account_id', '=', c.accountId)
    .execute();
  expect(commitments.length).toBeGreaterThan(0);

  // the timeline says each refund step in words; the panel still says the note was saved
  await page.reload();
  await panel.getByTestId('refund-note-saved').waitFor();
  expect(await panel.getByTestId('refund-note-draft').count()).toBe(0);
  const timeline = page.getByText('Nachweis an den Erstattungsantrag angehängt').first();
  await timeline.waitFor();
  const text = await page.locator('main').textContent();
  expect(text).toContain('Erstattung genehmigt');
  expect(text).not.toMatch(/refund_request\./);

  // in English the panel and the timeline speak English; the script stays in the customer's German
  await page.getByRole('banner').getByText('EN', { exact: true }).click();
  await panel.getByText('Evidence', { exact: true }).waitFor();
  await page.getByText('Evidence attached to a refund request').first().waitFor();
  expect(await panel.getByTestId('refund-evidence').textContent()).toMatch(/PNG image · 70 B/);
  expect(await panel.getByTestId('refund-script').textContent()).toContain(
    "In the customer's language: German · mood: angry",
  );
  expect(await panel.getByTestId('refund-script-lines').textContent()).toMatch(/Wir erstatten Ihnen/);
  expect(await page.locator('main').textContent()).not.toMatch(/refund_request\./);
  if (SHOTS) {
    await page.setViewportSize({ width: 960, height: 1100 });
    await page.screenshot({ path: `${SHOTS}/evidence-english-960.png`, fullPage: true });
  }
  await page.getByRole('banner').getByText('DE', { exact: true }).click();
  await panel.getByText('Nachweise', { exact: true }).waitFor();
  await page.close();
});
