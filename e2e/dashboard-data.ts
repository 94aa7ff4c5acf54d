import { newId } from '../src/platform/ids';
import {
  insertAnsweredSurvey,
  insertOfferEvent,
  insertPayment,
  insertSaveWatch,
} from '../test/dashboard-rows';
import { createAccount, createCase } from '../test/factories';
import type { TestApp, TestClient } from '../test/harness';

// A quarter of desk history for the dashboard's browser tests, written straight into the test
// database (as the dashboard's integration test does): two customers (German, English), enough
// cancellations that one bar has more than a page of cases, refund exceptions decided by two
// people at different speeds, survey ratings and one retention offer against the holdout.
// The tests read the numbers back from the API; nothing here is an expected value.

export const PERIOD = { from: '2025-03-01', to: '2025-04-30' };
const HOUR = 3_600_000;
const at = (iso: string) => new Date(iso);
/** Day `n` of the period at 10:00 UTC (n from 0). */
const day = (n: number) => new Date(at('2025-03-01T10:00:00Z').getTime() + n * 24 * HOUR);

export interface Staff {
  agent: TestClient;
  lead: TestClient;
  admin: TestClient;
}

export async function seedDashboardPeriod(t: TestApp, staff: Staff): Promise<void> {
  const planId = newId('pln', t.clock.now());
  await t.db
    .insertInto('plans')
    .values({
      id: planId,
      code: 'E2E-PLUS',
      name_de: 'E2E Plus',
      name_en: 'E2E Plus',
      tier: 'plus',
      cycle: 'monthly',
      price_minor: 1000,
    })
    .execute();
  const de = await customer(t, planId, 'referral', 'de');
  const en = await customer(t, planId, 'search', 'en');
  const payDe = await payment(t, de, 90_000);
  const payEn = await payment(t, en, 40_000);

  const offerId = newId('ofr', t.clock.now());
  await t.db
    .insertInto('retention_offers')
    .values({
      id: offerId,
      kind: 'discount',
      title_de: 'E2E Rabatt',
      title_en: 'E2E discount',
      terms: '{}',
      eligibility: '{}',
      max_redemptions: null,
      position: 998,
      created_by: null,
      created_at: t.clock.now(),
      updated_at: t.clock.now(),
    } as never)
    .execute();

  // 57 cancellations of the German customer (more than one page of 50), 4 of the English one
  const statuses = ['cancelled', 'retained', 'withdrawn'] as const;
  for (let i = 0; i < 57; i++) {
    const caseId = await cancellation(
      t,
      de,
      statuses[i % 3]!,
      day(i),
      i % 4 === 0 ? staff.lead : staff.agent,
    );
    if (i % 3 === 0) {
      await offerEvent(t, caseId, de.accountId, offerId, 'shown');
      await offerEvent(t, caseId, de.accountId, offerId, i % 2 === 0 ? 'accepted' : 'declined');
      if (i % 2 === 0) await saveWatch(t, caseId, de, offerId, i % 4 === 0 ? 'confirmed' : 'lost');
    } else if (i % 7 === 0) {
      await offerEvent(t, caseId, de.accountId, null, 'holdout');
      await saveWatch(t, caseId, de, null, i % 2 === 0 ? 'confirmed' : 'lost');
    }
    if (i % 5 === 0) await survey(t, caseId, de.accountId, 1 + ((i / 5) % 5));
  }
  for (let i = 0; i < 4; i++) await cancellation(t, en, statuses[i % 3]!, day(40 + i), staff.agent);

  // refund requests: in and outside the policy, decided by the lead or the admin after 2 to 70 hours
  const refunds: Array<{
    c: Customer;
    pay: string;
    reason: string;
    inPolicy: boolean;
    status: 'executed' | 'denied' | 'pending_approval';
    hours?: number;
    minor?: number;
    by?: TestClient;
    rating?: number;
  }> = [
    {
      c: de,
      pay: payDe,
      reason: 'not_satisfied',
      inPolicy: true,
      status: 'executed',
      hours: 2,
      minor: 3000,
      by: staff.lead,
      rating: 5,
    },
    {
      c: de,
      pay: payDe,
      reason: 'not_satisfied',
      inPolicy: false,
      status: 'executed',
      hours: 30,
      minor: 1250,
      by: staff.lead,
      rating: 4,
    },
    {
      c: de,
      pay: payDe,
      reason: 'not_satisfied',
      inPolicy: false,
      status: 'denied',
      hours: 70,
      by: staff.lead,
      rating: 1,
    },
    {
      c: en,
      pay: payEn,
      reason: 'not_satisfied',
      inPolicy: false,
      status: 'denied',
      hours: 5,
      by: staff.admin,
      rating: 2,
    },
    {
      c: en,
      pay: payEn,
      reason: 'defect',
      inPolicy: false,
      status: 'executed',
      hours: 50,
      minor: 4999,
      by: staff.admin,
    },
    {
      c: de,
      pay: payDe,
      reason: 'defect',
      inPolicy: false,
      status: 'executed',
      hours: 1,
      minor: 2000,
      by: staff.lead,
      rating: 3,
    },
    { c: en, pay: payEn, reason: 'defect', inPolicy: false, status: 'pending_approval' },
  ];
  for (const [i, r] of refunds.entries()) {
    const caseId = await refund(t, r, day(10 + i * 3), i % 2 === 0 ? staff.agent : staff.lead);
    if (r.rating) await survey(t, caseId, r.c.accountId, r.rating);
  }
}

type Customer = Awaited<ReturnType<typeof customer>>;

async function customer(t: TestApp, planId: string, channel: string, language: 'de' | 'en') {
  const account = await createAccount(t, { language });
  const signup = at('2024-06-01T00:00:00Z');
  await t.db
    .updateTable('accounts')
    .set({ acquisition_channel: channel, signup_at: signup })
    .where('id', '=', account.id)
    .execute();
  const subscriptionId = newId('sub', t.clock.now());
  await t.db
    .insertInto('subscriptions')
    .values({
      id: subscriptionId,
      account_id: account.id,
      plan_id: planId,
      status: 'active',
      price_minor: 1000,
      cycle: 'monthly',
      started_at: signup,
      current_period_start: '2025-03-01',
      current_period_end: '2025-03-31',
      next_renewal_on: null,
      cancel_effective_on: null,
      cancelled_at: null,
      paused_until: null,
      created_at: signup,
    })
    .execute();
  return { accountId: account.id, subscriptionId };
}

const payment = (t: TestApp, c: Customer, amountMinor: number) => insertPayment(t, c, amountMinor, day(0));

async function cancellation(
  t: TestApp,
  c: Customer,
  status: 'cancelled' | 'retained' | 'withdrawn',
  createdAt: Date,
  by: TestClient,
) {
  const { id: caseId } = await createCase(t, c.accountId, { type: 'cancellation' });
  await t.db
    .insertInto('cancellation_requests')
    .values({
      id: newId('cnc', createdAt),
      reference: `KND-E2E-${caseId.slice(-10)}`,
      case_id: caseId,
      account_id: c.accountId,
      subscription_id: c.subscriptionId,
      status,
      reason_code: 'too_expensive',
      reason_version: 1,
      customer_words: 'Zu teuer.',
      offers_shown: null,
      created_by: by.user.id,
      created_at: createdAt,
      updated_at: createdAt,
    } as never)
    .execute();
  return caseId;
}

async function refund(
  t: TestApp,
  r: {
    c: Customer;
    pay: string;
    reason: string;
    inPolicy: boolean;
    status: string;
    hours?: number;
    minor?: number;
    by?: TestClient;
  },
  created: Date,
  recordedBy: TestClient,
) {
  const { id: caseId } = await createCase(t, r.c.accountId, { type: 'refund' });
  await t.db
    .insertInto('refund_requests')
    .values({
      id: newId('rfr', created),
      case_id: caseId,
      account_id: r.c.accountId,
      payment_id: r.pay,
      order_id: null,
      reason_code: r.reason,
      customer_words: 'Bitte erstatten.',
      mood: 'calm',
      requested_minor: 5000,
      currency: 'EUR',
      status: r.status,
      status_since: created,
      policy_version: 1,
      facts: '{}',
      evaluation: JSON.stringify({ inPolicy: r.inPolicy, abuseSignals: [] }),
      evaluated_at: created,
      decided_minor: r.minor ?? null,
      decided_by: r.by?.user.id ?? null,
      decided_at: r.hours === undefined ? null : new Date(created.getTime() + r.hours * HOUR),
      decision_note: null,
      alternative: null,
      execution_method: null,
      execution_ref: null,
      failure_reason: null,
      idempotency_key: null,
      request_fingerprint: null,
      created_by: recordedBy.user.id,
      created_at: created,
      updated_at: created,
    } as never)
    .execute();
  return caseId;
}

const survey = insertAnsweredSurvey;

const offerEvent = insertOfferEvent;

const saveWatch = insertSaveWatch;
