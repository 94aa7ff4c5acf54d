import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  insertAnsweredSurvey,
  insertOfferEvent,
  insertPayment,
  insertSaveWatch,
} from '../../../test/dashboard-rows';
import { createAccount, createCase } from '../../../test/factories';
import { startDesk, type TestApp, type TestClient } from '../../../test/harness';
import { newId } from '../../platform/ids';

// The insights dashboard against a small data set computed by hand, in March and April 2031
// (the demo data lives around "now"): every metric with exact numbers, the time-zone boundaries
// of Europe/Berlin, an empty period, the drilldown, the CSV export against the JSON, and what an
// agent does not see.

let t: TestApp;
let agent: TestClient;
let lead: TestClient;
let admin: TestClient;
const ids: Record<string, { caseId: string; requestId: string }> = {};

const PERIOD = 'from=2031-03-01&to=2031-04-30&grain=month';
const at = (iso: string) => new Date(iso);
const HOUR = 3_600_000;

beforeAll(async () => {
  ({ t, agent, lead, admin } = await startDesk({ now: '2031-05-02T09:00:00Z' }));
  await seed();
});
afterAll(() => t.close());

async function plan(code: string) {
  const id = newId('pln', t.clock.now());
  await t.db
    .insertInto('plans')
    .values({ id, code, name_de: code, name_en: code, tier: 'plus', cycle: 'monthly', price_minor: 1000 })
    .execute();
  return id;
}

async function customer(channel: string, language: 'de' | 'en', signupAt: string, planId: string) {
  const account = await createAccount(t, { language });
  await t.db
    .updateTable('accounts')
    .set({ acquisition_channel: channel, signup_at: at(signupAt) })
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
      started_at: at(signupAt),
      current_period_start: '2031-03-01',
      current_period_end: '2031-03-31',
      next_renewal_on: null,
      cancel_effective_on: null,
      cancelled_at: null,
      paused_until: null,
      created_at: at(signupAt),
    })
    .execute();
  return { accountId: account.id, accountNumber: account.accountNumber, subscriptionId };
}

type Customer = Awaited<ReturnType<typeof customer>>;

const payment = (c: Customer, amountMinor: number, paidAt: string) =>
  insertPayment(t, c, amountMinor, at(paidAt));

async function cancellation(
  name: string,
  c: Customer,
  input: { status: 'cancelled' | 'retained' | 'withdrawn'; createdAt: string; by: TestClient },
) {
  const { id: caseId } = await createCase(t, c.accountId, { type: 'cancellation' });
  const requestId = newId('cnc', at(input.createdAt));
  await t.db
    .insertInto('cancellation_requests')
    .values({
      id: requestId,
      reference: `KND-T31-${name}`,
      case_id: caseId,
      account_id: c.accountId,
      subscription_id: c.subscriptionId,
      status: input.status,
      reason_code: 'too_expensive',
      reason_version: 1,
      customer_words: 'Zu teuer.',
      offers_shown: null,
      created_by: input.by.user.id,
      created_at: at(input.createdAt),
      updated_at: at(input.createdAt),
    } as never)
    .execute();
  ids[name] = { caseId, requestId };
}

async function refund(
  name: string,
  c: Customer,
  paymentId: string,
  input: {
    reason: string;
    inPolicy: boolean;
    status: 'executed' | 'denied' | 'pending_approval';
    createdAt: string;
    by: TestClient;
    decided?: { hours: number; minor: number | null; by: TestClient };
  },
) {
  const { id: caseId } = await createCase(t, c.accountId, { type: 'refund' });
  const requestId = newId('rfr', at(input.createdAt));
  const created = at(input.createdAt);
  await t.db
    .insertInto('refund_requests')
    .values({
      id: requestId,
      case_id: caseId,
      account_id: c.accountId,
      payment_id: paymentId,
      order_id: null,
      reason_code: input.reason,
      customer_words: 'Bitte erstatten.',
      mood: 'calm',
      requested_minor: 4000,
      currency: 'EUR',
      status: input.status,
      status_since: created,
      policy_version: 1,
      facts: '{}',
      evaluation: JSON.stringify({ inPolicy: input.inPolicy, abuseSignals: [] }),
      evaluated_at: created,
      decided_minor: input.decided?.minor ?? null,
      decided_by: input.decided?.by.user.id ?? null,
      decided_at: input.decided ? new Date(created.getTime() + input.decided.hours * HOUR) : null,
      decision_note: null,
      alternative: null,
      execution_method: null,
      execution_ref: null,
      failure_reason: null,
      idempotency_key: null,
      request_fingerprint: null,
      created_by: input.by.user.id,
      created_at: created,
      updated_at: created,
    })
    .execute();
  ids[name] = { caseId, requestId };
}

async function survey(name: string, rating: number) {
  const c = ids[name]!;
  const row = await t.db
    .selectFrom('cases')
    .select('account_id')
    .where('id', '=', c.caseId)
    .executeTakeFirstOrThrow();
  await insertAnsweredSurvey(t, c.caseId, row.account_id, rating);
}

async function offerEvent(
  name: string,
  offerId: string | null,
  event: 'shown' | 'accepted' | 'declined' | 'holdout',
) {
  const c = ids[name]!;
  const row = await t.db
    .selectFrom('cases')
    .select('account_id')
    .where('id', '=', c.caseId)
    .executeTakeFirstOrThrow();
  await insertOfferEvent(t, c.caseId, row.account_id, offerId, event);
}

const saveWatch = (name: string, c: Customer, offerId: string | null, status: 'confirmed' | 'lost') =>
  insertSaveWatch(t, ids[name]!.caseId, c, offerId, status);

/**
 * A1 (podcast, de, signed up 20 February 2031, plan T31PLUS) and A2 (referral, en, signed up
 * 2029, plan T31BASIC). Berlin is UTC+1 until 30 March 2031 and UTC+2 after.
 */
async function seed() {
  const plus = await plan('T31PLUS');
  const basic = await plan('T31BASIC');
  const a1 = await customer('t31-podcast', 'de', '2031-02-20T00:00:00Z', plus);
  const a2 = await customer('t31-referral', 'en', '2029-01-01T00:00:00Z', basic);
  await payment(a1, 7000, '2031-02-28T22:00:00Z'); // 23:00 on 28 February in Berlin: outside
  const p1 = await payment(a1, 5000, '2031-03-01T10:00:00Z');
  const p2 = await payment(a2, 2000, '2031-03-15T10:00:00Z');
  await payment(a1, 10000, '2031-04-10T10:00:00Z');

  await cancellation('C1', a1, { status: 'cancelled', createdAt: '2031-03-10T10:00:00Z', by: agent });
  // 23:30 UTC on 31 March is 01:30 on 1 April in Berlin: April's bucket
  await cancellation('C2', a2, { status: 'retained', createdAt: '2031-03-31T23:30:00Z', by: lead });
  await cancellation('C3', a1, { status: 'cancelled', createdAt: '2031-04-20T10:00:00Z', by: agent });
  await cancellation('C4', a2, { status: 'withdrawn', createdAt: '2031-04-21T10:00:00Z', by: agent });

  // 23:30 UTC on 28 February is 00:30 on 1 March in Berlin: inside the period
  await refund('R5', a1, p1, {
    reason: 'not_satisfied',
    inPolicy: true,
    status: 'executed',
    createdAt: '2031-02-28T23:30:00Z',
    by: agent,
    decided: { hours: 20, minor: 1000, by: lead },
  });
  await refund('R1', a1, p1, {
    reason: 'not_satisfied',
    inPolicy: true,
    status: 'executed',
    createdAt: '2031-03-05T08:00:00Z',
    by: agent,
    decided: { hours: 10, minor: 3000, by: lead },
  });
  await refund('R2', a2, p2, {
    reason: 'not_satisfied',
    inPolicy: false,
    status: 'executed',
    createdAt: '2031-03-20T09:00:00Z',
    by: agent,
    decided: { hours: 30, minor: 1500, by: lead },
  });
  await refund('R3', a2, p2, {
    reason: 'defective',
    inPolicy: false,
    status: 'denied',
    createdAt: '2031-04-02T12:00:00Z',
    by: agent,
    decided: { hours: 60, minor: null, by: admin },
  });
  await refund('R4', a1, p1, {
    reason: 'defective',
    inPolicy: false,
    status: 'pending_approval',
    createdAt: '2031-04-15T12:00:00Z',
    by: lead,
  });
  // outside the period on both sides: 00:30 on 1 May in Berlin, and 2 March 2030
  await refund('R6', a1, p1, {
    reason: 'not_satisfied',
    inPolicy: false,
    status: 'executed',
    createdAt: '2031-04-30T22:30:00Z',
    by: agent,
    decided: { hours: 1, minor: 999, by: lead },
  });

  await survey('C1', 5);
  await survey('R2', 1);
  await survey('R3', 2);

  const offerId = newId('ofr', t.clock.now());
  await t.db
    .insertInto('retention_offers')
    .values({
      id: offerId,
      kind: 'discount',
      title_de: 'T31 Rabatt',
      title_en: 'T31 discount',
      terms: '{}',
      eligibility: '{}',
      max_redemptions: null,
      position: 999,
      created_by: null,
      created_at: t.clock.now(),
      updated_at: t.clock.now(),
    })
    .execute();
  ids.offer = { caseId: '', requestId: offerId };
  await offerEvent('C1', offerId, 'shown');
  await offerEvent('C1', offerId, 'declined');
  await offerEvent('C2', offerId, 'shown');
  await offerEvent('C2', offerId, 'accepted');
  await saveWatch('C2', a2, offerId, 'confirmed');
  await offerEvent('C3', null, 'holdout');
  await saveWatch('C3', a1, null, 'lost');
  await offerEvent('C4', null, 'holdout');
  await saveWatch('C4', a2, null, 'lost');
}

const eur = (amountMinor: number) => ({ amountMinor, currency: 'EUR' });
const counts = (cancellations: number, refundRequests: number, exceptions: number) => ({
  cancellations,
  refundRequests,
  exceptions,
});

describe('the insights dashboard', () => {
  it('counts every metric of the period exactly, in Berlin time', async () => {
    const res = await lead.get(`/api/insights/dashboard?${PERIOD}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const d = res.body;
    expect(d.period).toEqual({
      from: '2031-03-01',
      to: '2031-04-30',
      grain: 'month',
      timeZone: 'Europe/Berlin',
      currency: 'EUR',
    });
    expect(d.restricted).toBe(false);
    expect(d.totals).toEqual(counts(4, 5, 3));
    expect(d.timeline).toEqual([
      { bucket: '2031-03-01', ...counts(1, 3, 1) },
      { bucket: '2031-04-01', ...counts(3, 2, 2) },
    ]);
    expect(d.breakdowns.reason).toEqual([
      { key: 'too_expensive', ...counts(4, 0, 0) },
      { key: 'not_satisfied', ...counts(0, 3, 1) },
      { key: 'defective', ...counts(0, 2, 2) },
    ]);
    expect(d.breakdowns.plan).toEqual([
      { key: 'T31PLUS', ...counts(2, 3, 1) },
      { key: 'T31BASIC', ...counts(2, 2, 2) },
    ]);
    expect(d.breakdowns.channel).toEqual([
      { key: 't31-podcast', ...counts(2, 3, 1) },
      { key: 't31-referral', ...counts(2, 2, 2) },
    ]);
    expect(d.breakdowns.tenure).toEqual([
      { key: '0-30', ...counts(1, 2, 0) },
      { key: '31-90', ...counts(1, 1, 1) },
      { key: '91-365', ...counts(0, 0, 0) },
      { key: '1-2y', ...counts(0, 0, 0) },
      { key: '2y+', ...counts(2, 2, 2) },
    ]);
    expect(d.breakdowns.language).toEqual([
      { key: 'de', ...counts(2, 3, 1) },
      { key: 'en', ...counts(2, 2, 2) },
    ]);
    expect(d.breakdowns.agent).toEqual([
      { key: agent.user.id, name: expect.any(String), ...counts(3, 4, 2), goodwillCost: eur(1500) },
      { key: lead.user.id, name: expect.any(String), ...counts(1, 1, 1), goodwillCost: eur(0) },
    ]);
    expect(d.exceptionApproval.byReason).toEqual([
      { key: 'defective', decided: 1, approved: 0, rate: 0 },
      { key: 'not_satisfied', decided: 1, approved: 1, rate: 1 },
    ]);
    expect(d.exceptionApproval.byApprover).toEqual([
      {
        key: admin.user.id,
        name: expect.any(String),
        decided: 1,
        approved: 0,
        rate: 0,
        goodwillCost: eur(0),
      },
      {
        key: lead.user.id,
        name: expect.any(String),
        decided: 1,
        approved: 1,
        rate: 1,
        goodwillCost: eur(1500),
      },
    ]);
    // paid out 10 + 30 + 15 € of 50 + 20 + 100 € received: 55 / 170 = 32.35 %
    expect(d.refunds).toEqual({
      refunded: eur(5500),
      revenue: eur(17000),
      refundRate: 0.3235,
      goodwillCost: eur(1500),
    });
    // decided after 10, 20, 30 and 60 hours, against the desk's 24 hours
    expect(d.decisionTime).toEqual({
      targetHours: 24,
      decided: 4,
      medianHours: 25,
      p90Hours: 51,
      withinTarget: 2,
      withinTargetShare: 0.5,
    });
    expect(d.retention).toEqual({
      offers: [
        {
          key: ids.offer!.requestId,
          title: { de: 'T31 Rabatt', en: 'T31 discount' },
          shown: 2,
          accepted: 1,
          saves: 1,
          saveRate: 0.5,
        },
      ],
      offered: { cases: 2, saves: 1, saveRate: 0.5 },
      holdout: { cases: 2, retained: 0, lost: 2, retentionRate: 0 },
      lift: 0.5,
    });
    expect(d.satisfaction).toEqual({
      answers: 3,
      average: 2.67,
      low: 2,
      byReason: [
        { key: 'defective', answers: 1, average: 2, low: 1 },
        { key: 'not_satisfied', answers: 1, average: 1, low: 1 },
        { key: 'too_expensive', answers: 1, average: 5, low: 0 },
      ],
      byOutcome: [
        { key: 'approved', answers: 1, average: 1, low: 1 },
        { key: 'cancelled', answers: 1, average: 5, low: 0 },
        { key: 'denied', answers: 1, average: 2, low: 1 },
      ],
    });
  });

  it('puts an event late in the evening UTC into the next Berlin day', async () => {
    const res = await lead.get('/api/insights/dashboard?from=2031-03-31&to=2031-04-01&grain=day');
    expect(res.status).toBe(200);
    expect(res.body.timeline).toEqual([
      { bucket: '2031-03-31', ...counts(0, 0, 0) },
      { bucket: '2031-04-01', ...counts(1, 0, 0) },
    ]);
  });

  it('filters by channel, plan and reason', async () => {
    const byChannel = (await lead.get(`/api/insights/dashboard?${PERIOD}&channel=t31-referral`)).body;
    expect(byChannel.totals).toEqual(counts(2, 2, 2));
    expect(byChannel.refunds).toEqual({
      refunded: eur(1500),
      revenue: eur(2000),
      refundRate: 0.75,
      goodwillCost: eur(1500),
    });
    expect(byChannel.filters).toEqual({ plan: null, channel: 't31-referral', reason: null });
    const byPlan = (await lead.get(`/api/insights/dashboard?${PERIOD}&plan=T31PLUS`)).body;
    expect(byPlan.totals).toEqual(counts(2, 3, 1));
    expect(byPlan.refunds.revenue).toEqual(eur(15000));
    const byReason = (await lead.get(`/api/insights/dashboard?${PERIOD}&reason=defective`)).body;
    expect(byReason.totals).toEqual(counts(0, 2, 2));
  });

  it('answers an empty period with zero buckets and no rates', async () => {
    const res = await lead.get('/api/insights/dashboard?from=2019-01-01&to=2019-01-31&grain=week');
    expect(res.status).toBe(200);
    const d = res.body;
    expect(d.totals).toEqual(counts(0, 0, 0));
    expect(d.timeline.map((b: { bucket: string }) => b.bucket)).toEqual([
      '2018-12-31',
      '2019-01-07',
      '2019-01-14',
      '2019-01-21',
      '2019-01-28',
    ]);
    expect(d.timeline.every((b: { refundRequests: number }) => b.refundRequests === 0)).toBe(true);
    expect(d.breakdowns.reason).toEqual([]);
    expect(d.refunds).toEqual({ refunded: eur(0), revenue: eur(0), refundRate: null, goodwillCost: eur(0) });
    expect(d.decisionTime).toMatchObject({
      decided: 0,
      medianHours: null,
      p90Hours: null,
      withinTargetShare: null,
    });
    expect(d.satisfaction).toMatchObject({ answers: 0, average: null, low: 0 });
    expect(d.retention.lift).toBeNull();
  });

  it('defaults to the last 90 days and refuses a period that ends before it starts', async () => {
    const res = await lead.get('/api/insights/dashboard');
    expect(res.status).toBe(200);
    expect(res.body.period).toMatchObject({ from: '2031-02-02', to: '2031-05-02', grain: 'week' });
    const bad = await lead.get('/api/insights/dashboard?from=2031-04-01&to=2031-03-01');
    expect(bad.status).toBe(400);
    expect(bad.body.errors?.[0]?.field ?? bad.body.field).toContain('to');
    const wrong = await lead.get('/api/insights/dashboard?from=2031-02-30');
    expect(wrong.status).toBe(400);
    const long = await lead.get('/api/insights/dashboard?from=2020-01-01&to=2031-01-01');
    expect(long.status).toBe(400);
    expect(long.body.code).toBe('DASHBOARD_PERIOD_INVALID');
  });

  it('answers a period at the end of the calendar in every grain, and its drilldown and CSV, without running away', async () => {
    // a day after 9999-12-31 is written +010000-01-01, which once sorted before it and never ended the buckets
    for (const grain of ['day', 'week', 'month']) {
      const q = `from=9999-12-01&to=9999-12-31&grain=${grain}`;
      const res = await lead.get(`/api/insights/dashboard?${q}`);
      expect(res.status, grain).toBeLessThan(500);
      if (res.status === 200) expect(res.body.timeline.at(-1).bucket <= '9999-12-31').toBe(true);
      expect((await lead.get(`/api/insights/dashboard.csv?view=timeline&${q}`)).status).toBeLessThan(500);
      expect(
        (await lead.get(`/api/insights/dashboard/cases?metric=refund_requests&bucket=9999-12-01&${q}`))
          .status,
      ).toBeLessThan(500);
    }
    const digest = await lead.get('/api/insights/weekly-digest?week=9999-12-31');
    expect(digest.status).toBe(400);
    expect(JSON.stringify(digest.body)).toContain('week');
    const early = await lead.get('/api/insights/dashboard?from=0001-01-01&to=0001-01-31&grain=month');
    expect(early.status).toBe(400);
  });

  it('shows an agent the dashboard without goodwill per agent and per approver', async () => {
    const res = await agent.get(`/api/insights/dashboard?${PERIOD}`);
    expect(res.status).toBe(200);
    expect(res.body.restricted).toBe(true);
    expect(res.body.totals).toEqual(counts(4, 5, 3));
    expect(res.body.breakdowns.agent.map((r: { goodwillCost: unknown }) => r.goodwillCost)).toEqual([
      null,
      null,
    ]);
    expect(
      res.body.exceptionApproval.byApprover.map((r: { goodwillCost: unknown }) => r.goodwillCost),
    ).toEqual([null, null]);
    const csv = await agent.get(`/api/insights/dashboard.csv?${PERIOD}&view=exceptionsByApprover&lang=en`);
    expect(csv.status).toBe(200);
    expect(String(csv.body)).not.toMatch(/goodwill/i);
    expect(parseCsv(String(csv.body)).map((r) => r.length)).toEqual([5, 5, 5]);
    const leadCsv = await lead.get(`/api/insights/dashboard.csv?${PERIOD}&view=exceptionsByApprover&lang=en`);
    expect(String(leadCsv.body)).toMatch(/Goodwill cost \(EUR\)/);
  });
});

describe('the drilldown', () => {
  it('lists the cases behind one bar, newest first', async () => {
    const res = await lead.get(
      `/api/insights/dashboard/cases?${PERIOD}&metric=refundRequests&dimension=reason&key=defective`,
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.items.map((i: { requestId: string }) => i.requestId)).toEqual([
      ids.R4!.requestId,
      ids.R3!.requestId,
    ]);
    expect(res.body.items[1]).toMatchObject({
      kind: 'refund',
      caseId: ids.R3!.caseId,
      type: 'refund',
      reason: 'defective',
      plan: 'T31BASIC',
      channel: 't31-referral',
      isException: true,
      outcome: 'denied',
      amount: eur(4000),
    });
    expect(res.body.next).toBeNull();
  });

  it('lists a bucket of the time series a page at a time', async () => {
    const first = await lead.get(
      `/api/insights/dashboard/cases?${PERIOD}&metric=cancellations&bucket=2031-04-01&limit=2`,
    );
    expect(first.status).toBe(200);
    expect(first.body.items.map((i: { requestId: string }) => i.requestId)).toEqual([
      ids.C4!.requestId,
      ids.C3!.requestId,
    ]);
    const second = await lead.get(
      `/api/insights/dashboard/cases?${PERIOD}&metric=cancellations&bucket=2031-04-01&limit=2&after=${first.body.next}`,
    );
    expect(second.body.items.map((i: { requestId: string }) => i.requestId)).toEqual([ids.C2!.requestId]);
    expect(second.body.next).toBeNull();
  });

  it('counts as many cases behind each bar as the chart shows', async () => {
    const d = (await lead.get(`/api/insights/dashboard?${PERIOD}&channel=t31-podcast`)).body;
    for (const row of d.breakdowns.tenure) {
      const res = await lead.get(
        `/api/insights/dashboard/cases?${PERIOD}&channel=t31-podcast&metric=exceptions&dimension=tenure&key=${row.key}`,
      );
      expect(res.body.items.length, row.key).toBe(row.exceptions);
    }
  });

  it('refuses a cursor it did not hand out and a bar without its chart', async () => {
    const bad = await lead.get(`/api/insights/dashboard/cases?${PERIOD}&after=nonsense`);
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('DASHBOARD_CURSOR_INVALID');
    const half = await lead.get(`/api/insights/dashboard/cases?${PERIOD}&key=defective`);
    expect(half.status).toBe(400);
  });
});

function parseCsv(text: string): string[][] {
  return text
    .trimEnd()
    .split('\r\n')
    .map((line) => line.split(','));
}

describe('the CSV export', () => {
  it('equals the chart’s data, with the header in the requested language', async () => {
    const d = (await lead.get(`/api/insights/dashboard?${PERIOD}`)).body;
    const res = await lead.get(`/api/insights/dashboard.csv?${PERIOD}&view=reason&lang=de`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="kulanz-reason-2031-03-01-2031-04-30.csv"',
    );
    const [header, ...rows] = parseCsv(String(res.body));
    expect(header).toEqual(['Grund', 'Kündigungen', 'Erstattungsanträge', 'Ausnahmen']);
    expect(rows).toEqual(
      d.breakdowns.reason.map(
        (r: { key: string; cancellations: number; refundRequests: number; exceptions: number }) => [
          r.key,
          String(r.cancellations),
          String(r.refundRequests),
          String(r.exceptions),
        ],
      ),
    );
    const timeline = parseCsv(
      String((await lead.get(`/api/insights/dashboard.csv?${PERIOD}&view=timeline&lang=en`)).body),
    );
    expect(timeline[0]).toEqual(['Bucket', 'Cancellations', 'Refund requests', 'Exceptions']);
    expect(timeline.slice(1)).toEqual(
      d.timeline.map(
        (b: { bucket: string; cancellations: number; refundRequests: number; exceptions: number }) => [
          b.bucket,
          String(b.cancellations),
          String(b.refundRequests),
          String(b.exceptions),
        ],
      ),
    );
    const agents = parseCsv(
      String((await lead.get(`/api/insights/dashboard.csv?${PERIOD}&view=agent&lang=en`)).body),
    );
    expect(agents.slice(1).map((r) => [r[0], r[5]])).toEqual(
      d.breakdowns.agent.map((r: { key: string; goodwillCost: { amountMinor: number } }) => [
        r.key,
        String(r.goodwillCost.amountMinor / 100),
      ]),
    );
    const summary = parseCsv(
      String((await lead.get(`/api/insights/dashboard.csv?${PERIOD}&view=summary`)).body),
    );
    expect(Object.fromEntries(summary.slice(1))).toMatchObject({
      refunded: '55',
      revenue: '170',
      refundRate: '0.3235',
      medianHours: '25',
      p90Hours: '51',
      withinTargetShare: '0.5',
    });
  });

  it('refuses an unknown view', async () => {
    const res = await lead.get(`/api/insights/dashboard.csv?${PERIOD}&view=everything`);
    expect(res.status).toBe(400);
  });
});
