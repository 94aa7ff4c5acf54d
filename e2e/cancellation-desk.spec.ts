import type { Browser } from 'playwright-core';
import { expect, it } from 'vitest';
import { addDays, businessDate, DAY } from '../src/platform/clock';
import { newId } from '../src/platform/ids';
import { createAccount, markVerified } from '../test/factories';
import type { TestApp } from '../test/harness';
import { logIn, withBrowserDesk } from './desk';

// The cancellation desk in the browser: an agent walks a German annual-plan customer inside the
// money-back guarantee through seed 000's steps, the customer declines the alternatives, the plan
// is cancelled immediately with the refund the policy gives, and the German confirmation is queued.

let t: TestApp;
let browser: Browser;
let base: string;
withBrowserDesk((desk) => {
  ({ t, browser, base } = desk);
});

/** A German customer on the annual Plus plan since 10 days ago (paid then), with a verified case. */
async function annualCustomer() {
  const account = await createAccount(t, { firstName: 'Greta', lastName: 'Garantie', language: 'de' });
  const plan = await t.db
    .selectFrom('plans')
    .selectAll()
    .where('code', '=', 'PLUS-J')
    .executeTakeFirstOrThrow();
  const now = t.clock.now();
  const startedAt = new Date(now.getTime() - 10 * DAY);
  const start = businessDate(startedAt, 'Europe/Berlin');
  const end = `${Number(start.slice(0, 4)) + 1}${start.slice(4)}`;
  const subscriptionId = newId('sub', now);
  await t.db
    .insertInto('subscriptions')
    .values({
      id: subscriptionId,
      account_id: account.id,
      plan_id: plan.id,
      status: 'active',
      price_minor: plan.price_minor,
      cycle: 'annual',
      started_at: startedAt,
      current_period_start: start,
      current_period_end: end,
      next_renewal_on: end,
      cancel_effective_on: null,
      cancelled_at: null,
      paused_until: null,
      created_at: startedAt,
    })
    .execute();
  const paymentId = newId('pay', startedAt);
  await t.db
    .insertInto('payments')
    .values({
      id: paymentId,
      account_id: account.id,
      invoice_id: null,
      order_id: null,
      subscription_id: subscriptionId,
      amount_minor: plan.price_minor,
      method: 'card',
      status: 'succeeded',
      provider_ref: null,
      paid_at: startedAt,
    })
    .execute();
  const opened = await (await t.login('agent')).post('/api/cases', {
    accountId: account.id,
    type: 'cancellation',
    channel: 'phone',
  });
  expect(opened.status, JSON.stringify(opened.body)).toBe(201);
  await markVerified(t, opened.body.id);
  return { caseId: opened.body.id as string, subscriptionId, paymentId, email: account.email };
}

it('cancels an annual plan inside the guarantee immediately with a full refund, in German, confirmed by e-mail', async () => {
  const c = await annualCustomer();
  // an alternative the company offers every customer: two weeks on the house
  const offer = await (await t.login('admin')).post('/api/admin/offers', {
    title: { de: 'Zwei Wochen geschenkt', en: 'Two weeks on us' },
    terms: { kind: 'extension', days: 14 },
  });
  expect(offer.status, JSON.stringify(offer.body)).toBe(201);
  const page = await browser.newPage({ locale: 'de-DE', viewport: { width: 1440, height: 1000 } });
  await logIn(page, base, 'agent');
  await page.goto(`${base}/cases/${c.caseId}`);
  const panel = page.getByTestId('cancellation-panel');
  await panel.getByRole('button', { name: 'Kündigung aufnehmen' }).click();
  const form = page.getByTestId('cancellation-start');
  await form
    .locator('input')
    .and(page.getByLabel(/^Grund/))
    .click();
  await page.getByRole('option', { name: 'Zu teuer' }).click();
  await form.getByLabel(/In den Worten des Kunden/).fill('Das ist mir gerade zu teuer.');
  await form.getByRole('button', { name: 'Grund erfassen' }).click();

  const flow = panel.getByTestId('cancellation');
  const review = flow.getByTestId('cancellation-review');
  await review.waitFor();
  expect(await review.textContent()).toMatch(/Sofort: .*Erstattung 149,90\s€/);
  await review.getByRole('button', { name: 'Prüfung abgeschlossen' }).click();

  const explain = flow.getByTestId('cancellation-explain');
  await explain.getByText('Sofort', { exact: true }).click();
  await explain.getByRole('button', { name: 'Ablauf erklären' }).click();

  const script = flow.getByTestId('cancellation-script');
  await script.waitFor();
  const today = businessDate(new Date(), 'Europe/Berlin');
  const [y, m, d] = today.split('-');
  expect(await script.textContent()).toContain(`endet heute, am ${d}.${m}.${y}`);
  expect(await script.textContent()).toMatch(/Sie erhalten 149,90\s€ zurück/);
  // the alternative is offered with why it fits; the customer says no and the cancellation goes on
  const offers = flow.getByTestId('cancellation-offers');
  await offers.getByRole('button', { name: 'Alternativen zeigen' }).click();
  await offers.getByText('Zwei Wochen geschenkt').waitFor();
  expect(await offers.textContent()).toContain('14 Tage kostenlos dazu');
  await page.screenshot({ path: '.tmp/cancel-offers-1440.png', fullPage: true });
  await page.setViewportSize({ width: 960, height: 1000 });
  // in one column the cancellation comes right after the verification, before messages and timeline
  await page.getByTestId('case-timeline').waitFor();
  const [panelBox, timelineBox] = await Promise.all([
    panel.boundingBox(),
    page.getByTestId('case-timeline').boundingBox(),
  ]);
  expect(panelBox!.y).toBeLessThan(timelineBox!.y);
  await page.screenshot({ path: '.tmp/cancel-offers-960.png', fullPage: true });
  await page.setViewportSize({ width: 1440, height: 1000 });
  await flow.getByRole('button', { name: 'Kunde lehnt ab – weiter kündigen' }).click();

  const preview = flow.getByTestId('cancellation-preview');
  await preview.waitFor();
  expect(await preview.textContent()).toMatch(/Erstattung 149,90\s€/);
  // a double click processes once: one cancellation, one refund
  await preview.getByRole('button', { name: 'Sofort kündigen' }).dblclick();
  await flow.getByRole('button', { name: 'Bestätigung senden' }).click();
  await flow.getByTestId('cancellation-confirmed').waitFor();
  expect(await flow.getByTestId('cancellation-outcome').textContent()).toMatch(/Erstattung 149,90\s€/);

  const refunds = await t.db
    .selectFrom('payment_refunds')
    .selectAll()
    .where('payment_id', '=', c.paymentId)
    .execute();
  expect(refunds).toHaveLength(1);
  expect(refunds[0]!.amount_minor).toBe(14_990);
  const sub = await t.db
    .selectFrom('subscriptions')
    .selectAll()
    .where('id', '=', c.subscriptionId)
    .executeTakeFirstOrThrow();
  expect(sub.status).toBe('cancelled');
  const mails = await t.db
    .selectFrom('outbox_messages')
    .select(['kind', 'language', 'to_address', 'text_body'])
    .where('case_id', '=', c.caseId)
    .execute();
  expect(mails).toHaveLength(1);
  const events = await t.db
    .selectFrom('offer_events')
    .select(['event', 'offer_id'])
    .where('case_id', '=', c.caseId)
    .execute();
  expect(events.map((e) => e.event).sort()).toEqual(['declined', 'shown']);
  expect(mails[0]).toMatchObject({ kind: 'cancellation_confirmation', language: 'de', to_address: c.email });
  expect(mails[0]!.text_body).toContain(`wird zum ${d}.${m}.${y} wirksam`);
  expect(mails[0]!.text_body).toMatch(/Wir erstatten Ihnen 149,90\s€/);
  const [ey, em, ed] = addDays(today, 30).split('-');
  expect(mails[0]!.text_body).toContain(`bis zum ${ed}.${em}.${ey} exportieren`);
  await page.close();
});
