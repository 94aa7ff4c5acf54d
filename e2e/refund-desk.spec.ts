import type { Browser, Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { DAY, HOUR } from '../src/platform/clock';
import { addPaidOrder, createAccount, markVerified } from '../test/factories';
import type { TestApp } from '../test/harness';
import { logIn, withBrowserDesk } from './desk';

// The refund desk in the browser: an agent raises an out-of-policy request on an angry customer's
// verified case, a lead decides it from the exceptions queue, and the agent sees it refunded.

let t: TestApp;
let browser: Browser;
let base: string;
withBrowserDesk((desk) => {
  ({ t, browser, base } = desk);
});

/** An angry customer's refund case, verified, with goods (120 €) bought and delivered 45 days ago: beyond every window. */
async function angryRefundCase(lastName: string) {
  const account = await createAccount(t, { firstName: 'Rita', lastName });
  const { paymentId } = await addPaidOrder(t, account.id, {
    totalMinor: 12_000,
    category: 'physical',
    orderedAt: new Date(t.clock.now().getTime() - 45 * DAY),
  });
  const opened = await (await t.login('agent')).post('/api/cases', {
    accountId: account.id,
    type: 'refund',
    channel: 'phone',
    mood: 'angry',
  });
  expect(opened.status).toBe(201);
  await markVerified(t, opened.body.id);
  return {
    accountId: account.id,
    email: account.email,
    caseId: opened.body.id as string,
    caseNumber: opened.body.caseNumber as string,
    paymentId,
  };
}

const pick = async (
  page: Page,
  scope: ReturnType<Page['getByTestId']>,
  label: string,
  option: string | RegExp,
) => {
  await scope
    .locator('input')
    .and(page.getByLabel(new RegExp(`^${label}`)))
    .click();
  await page.getByRole('option', { name: option }).click();
};

it('takes an exception from the agent to the lead and back to the case, refunded in part', async () => {
  const c = await angryRefundCase('Rabiat');
  const page = await browser.newPage({ locale: 'de-DE', viewport: { width: 1440, height: 1000 } });
  await logIn(page, base, 'agent');
  await page.goto(`${base}/cases/${c.caseId}`);
  const panel = page.getByTestId('refund-panel');
  await panel.getByRole('button', { name: 'Erstattung aufnehmen' }).click();
  const form = page.getByTestId('refund-intake');
  await pick(page, form, 'Zahlung', /noch erstattbar 120,00\s€/);
  await pick(page, form, 'Grund', 'Schlechte Erfahrung mit dem Support');
  await form
    .getByLabel('Worte des Kunden')
    .fill('Drei Wochen keine Antwort vom Support, ich will mein Geld zurück!');
  // the case's mood is taken over; the amount starts at what is left of the payment
  expect(
    await form
      .locator('input')
      .and(page.getByLabel('Stimmung', { exact: true }))
      .inputValue(),
  ).toBe('wütend');
  await form.getByLabel('Betrag in €').fill('120,00');
  // a double click records one request (the Idempotency-Key; the button waits while it is sent)
  await form.getByRole('button', { name: 'Aufnehmen und bewerten' }).dblclick();
  const request = panel.getByTestId('refund-request');
  await request.waitFor();
  const evaluation = await request.getByTestId('refund-evaluation').textContent();
  expect(evaluation).toContain('Höchstens erstattbar');
  expect(evaluation).toContain('Nötige RolleTeamleitung');
  expect(evaluation).toMatch(/Empfehlung: 60,00\s€ von 120,00\s€ erstatten/);
  expect(await request.textContent()).toContain('Kulanz');
  // an exception: the agent cannot decide it, and the panel says who does
  const status = request.getByTestId('refund-status');
  if ((await status.getAttribute('data-status')) === 'evaluated') {
    expect(await request.getByTestId('refund-lead-decides').textContent()).toMatch(/Teamleitung|Admin/);
    await request.getByRole('button', { name: 'An das Ausnahmen-Team geben' }).click();
  }
  await request.locator('[data-status="pending_approval"]').waitFor();
  await request.getByTestId('refund-waiting').waitFor();
  const stored = await t.db
    .selectFrom('refund_requests')
    .select(['id', 'requested_minor'])
    .where('case_id', '=', c.caseId)
    .execute();
  expect(stored).toHaveLength(1);
  expect(stored[0]!.requested_minor).toBe(12_000);
  // it waited 25 hours in the queue
  await t.db
    .updateTable('refund_requests')
    .set({ status_since: new Date(t.clock.now().getTime() - 25 * HOUR) })
    .where('id', '=', stored[0]!.id)
    .execute();

  // agents have no exceptions queue
  expect(await page.getByRole('navigation').getByRole('link', { name: 'Ausnahmen' }).count()).toBe(0);

  const leadPage = await browser.newPage({ locale: 'de-DE', viewport: { width: 1440, height: 1000 } });
  await logIn(leadPage, base, 'lead');
  await leadPage.getByRole('navigation').getByRole('link', { name: 'Ausnahmen' }).click();
  const row = leadPage.getByTestId('exception-row').filter({ hasText: c.caseNumber });
  await row.waitFor();
  expect(await row.getAttribute('data-overdue')).toBe('true');
  expect(await row.textContent()).toContain('überfällig');
  expect(await row.textContent()).toMatch(/1 Tg\. 1 Std\./);
  expect(await row.textContent()).toMatch(/120,00\s€/);
  await row.getByRole('link', { name: `Anfrage über 120,00 € zu Vorgang ${c.caseNumber} öffnen` }).click();
  const decision = leadPage.getByTestId('refund-decision-form');
  await decision.getByText('Teilweise', { exact: true }).click();
  await decision.getByLabel(/Betrag in €/).fill('50,00');
  await decision
    .getByLabel('Begründung der Entscheidung')
    .fill('Kulanz wegen der langen Wartezeit beim Support');
  await decision.getByRole('button', { name: 'Teilweise genehmigen' }).click();
  await leadPage.getByTestId('exception-request').locator('[data-status="executed"]').waitFor();
  await leadPage.close();

  await page.reload();
  const done = page.getByTestId('refund-panel').getByTestId('refund-executed');
  await done.waitFor();
  expect(await done.textContent()).toMatch(/50,00\s€ erstattet \(auf die ursprüngliche Zahlung\)/);

  // the customer is told in German, with the amount and when it arrives: one e-mail in the outbox
  // (its delivery over SMTP is refund-messages.int.test.ts's), shown on the case as sent to them
  const mails = await t.db
    .selectFrom('outbox_messages')
    .select(['kind', 'language', 'to_address', 'subject', 'text_body'])
    .where('case_id', '=', c.caseId)
    .where('kind', 'like', 'refund_%')
    .execute();
  expect(mails.map((m) => [m.kind, m.language, m.to_address])).toEqual([['refund_approved', 'de', c.email]]);
  expect(mails[0]!.text_body).toMatch(/50,00\s€/);
  expect(mails[0]!.text_body).toContain('5–10 Werktagen');
  const message = page.getByTestId('case-message').filter({ hasText: mails[0]!.subject });
  await message.waitFor();
  await page.close();
});

it('refuses a denial without an alternative in the form, and sends nothing', async () => {
  const c = await angryRefundCase('Ablehner');
  const agent = await t.login('agent');
  const created = await agent.post(`/api/cases/${c.caseId}/refund-requests`, {
    paymentId: c.paymentId,
    reasonCode: 'changed_mind',
    customerWords: 'Ich brauche es doch nicht.',
    mood: 'angry',
    requestedMinor: 12_000,
    currency: 'EUR',
  });
  expect(created.status).toBe(201);
  if (created.body.status === 'evaluated')
    expect((await agent.post(`/api/refund-requests/${created.body.id}/escalate`, {})).status).toBe(200);
  const page = await browser.newPage({ locale: 'de-DE' });
  await logIn(page, base, 'lead');
  await page.goto(`${base}/exceptions/${created.body.id}`);
  const decision = page.getByTestId('refund-decision-form');
  await decision.getByText('Ablehnen', { exact: true }).click();
  await decision.getByLabel('Begründung der Entscheidung').fill('Außerhalb jeder Frist');
  const decisions: string[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('/decision')) decisions.push(r.url());
  });
  await decision.getByRole('button', { name: 'Ablehnen' }).click();
  await decision
    .getByText('Eine Ablehnung braucht eine Alternative: Guthaben, Umtausch oder Rabatt.')
    .waitFor();
  expect(decisions).toEqual([]);
  const row = await t.db
    .selectFrom('refund_requests')
    .select('status')
    .where('id', '=', created.body.id)
    .executeTakeFirstOrThrow();
  expect(row.status).toBe('pending_approval');
  await page.close();
});
