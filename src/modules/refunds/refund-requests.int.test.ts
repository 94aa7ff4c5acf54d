import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addPaidOrder,
  addSubscription,
  countAuditEvents,
  createAccountWithCase,
  markVerified,
} from '../../../test/factories';
import { startDesk, type TestApp, type TestClient } from '../../../test/harness';
import { statementCountingApp } from '../../../test/statement-counter';
import { DAY, HOUR } from '../../platform/clock';
import { newId } from '../../platform/ids';
import { type PaymentProvider, registerPaymentProvider } from '../billing';
import { evaluate, getPolicyVersion, refundFacts } from '../policy';

// The refund desk through the API: intake on a verified case, the evaluation stored with its
// facts, decisions at the desk and in the exceptions queue, and the booking through billing.

let t: TestApp;
let agent: TestClient;
let lead: TestClient;
let admin: TestClient;
let unplug: () => void;

const NOW = '2026-05-04T09:00:00Z';

/** A bank that refuses every refund (the card expired). */
const failingBank: PaymentProvider = {
  name: 'failing-bank',
  async refund() {
    return { status: 'failed', providerRef: null, failureReason: 'card expired' };
  },
};

beforeAll(async () => {
  ({ t, agent, lead, admin } = await startDesk({ now: NOW }));
  unplug = registerPaymentProvider(failingBank);
});
afterAll(async () => {
  unplug();
  await t.close();
});

/** A verified case with one paid order: `daysAgo` days old (3 days: inside the withdrawal period). */
async function paidCase(input: { totalMinor: number; daysAgo?: number; provider?: string }) {
  const { account, kase } = await createAccountWithCase(t);
  await markVerified(t, kase.id);
  const orderedAt = new Date(t.clock.now().getTime() - (input.daysAgo ?? 3) * DAY);
  const { paymentId, orderId } = await addPaidOrder(t, account.id, {
    totalMinor: input.totalMinor,
    orderedAt,
    provider: input.provider,
  });
  return { accountId: account.id, caseId: kase.id, paymentId, orderId };
}

const intake = (
  client: TestClient,
  c: { caseId: string; paymentId: string },
  body: Record<string, unknown> = {},
  headers?: Record<string, string>,
) =>
  client.post(
    `/api/cases/${c.caseId}/refund-requests`,
    {
      paymentId: c.paymentId,
      reasonCode: 'not_satisfied',
      customerWords: 'Das Produkt hat mir nicht gefallen.',
      mood: 'upset',
      requestedMinor: 8000,
      currency: 'EUR',
      ...body,
    },
    headers,
  );

const decide = (client: TestClient, id: string, body: Record<string, unknown>) =>
  client.post(`/api/refund-requests/${id}/decision`, { note: 'Geprüft', ...body });

/** A goodwill request (bought 90 days ago, outside every window) escalated to the exceptions queue. */
async function exception(input: { totalMinor?: number; requestedMinor?: number; by?: TestClient } = {}) {
  const c = await paidCase({ totalMinor: input.totalMinor ?? 10_000, daysAgo: 90 });
  const by = input.by ?? agent;
  const created = await intake(by, c, {
    requestedMinor: input.requestedMinor ?? 10_000,
    reasonCode: 'poor_support',
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  expect(created.body.evaluation.inPolicy).toBe(false);
  if (created.body.status === 'evaluated') {
    const escalated = await by.post(`/api/refund-requests/${created.body.id}/escalate`, { note: 'Kulanz?' });
    expect(escalated.status, JSON.stringify(escalated.body)).toBe(200);
  }
  return { ...c, id: created.body.id as string };
}

const refundsOf = (paymentId: string) =>
  t.db.selectFrom('payment_refunds').selectAll().where('payment_id', '=', paymentId).execute();
const paymentOf = (paymentId: string) =>
  t.db.selectFrom('payments').selectAll().where('id', '=', paymentId).executeTakeFirstOrThrow();

describe('intake and evaluation', () => {
  it('stores the facts, the evaluation in German and English, and the policy version', async () => {
    const c = await paidCase({ totalMinor: 8000 });
    const res = await intake(agent, c);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      caseId: c.caseId,
      paymentId: c.paymentId,
      orderId: c.orderId,
      status: 'evaluated',
      policyVersion: 1,
      requested: { amountMinor: 8000, currency: 'EUR' },
      roleNeeded: 'agent',
      evaluation: {
        basis: 'withdrawal',
        inPolicy: true,
        decision: 'approve',
        maxRefundable: { amountMinor: 8000 },
      },
    });
    expect(res.body.facts.payment.category).toBe('physical');
    const finding = res.body.evaluation.findings[0];
    expect(finding.de).toMatch(/\w/);
    expect(finding.en).toMatch(/\w/);
    const again = await agent.get(`/api/refund-requests/${res.body.id}`);
    expect(again.body.history.map((h: { toStatus: string }) => h.toStatus)).toEqual(['evaluated']);
    const list = await agent.get(`/api/cases/${c.caseId}/refund-requests`);
    expect(list.body.items.map((r: { id: string }) => r.id)).toEqual([res.body.id]);
  });

  it('gathers a subscription payment’s facts, and the customer’s earlier refunds with their basis', async () => {
    const { account, kase } = await createAccountWithCase(t);
    await markVerified(t, kase.id);
    const { id: subscriptionId, plan } = await addSubscription(t, account.id);
    const paymentId = newId('pay', t.clock.now());
    await t.db
      .insertInto('payments')
      .values({
        id: paymentId,
        account_id: account.id,
        invoice_id: null,
        order_id: null,
        subscription_id: subscriptionId,
        amount_minor: plan.price_minor,
        method: 'sepa_debit',
        status: 'succeeded',
        provider_ref: null,
        paid_at: new Date(t.clock.now().getTime() - 2 * DAY),
      })
      .execute();
    const earlier = await addPaidOrder(t, account.id, { totalMinor: 2500 });
    const first = await intake(
      agent,
      { caseId: kase.id, paymentId: earlier.paymentId },
      { requestedMinor: 2500 },
    );
    expect((await decide(agent, first.body.id, { action: 'approve' })).body.status).toBe('executed');
    const res = await intake(
      agent,
      { caseId: kase.id, paymentId },
      { requestedMinor: plan.price_minor, reasonCode: 'trial_only' },
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.facts).toMatchObject({
      payment: { category: 'subscription', paid: { amountMinor: plan.price_minor } },
      subscription: { isFirstPayment: true, interval: plan.cycle, lastRenewedAt: null },
      history: { refunds: [{ basis: 'withdrawal', amount: { amountMinor: 2500 } }] },
    });
    expect(res.body.facts.history.requests).toHaveLength(1);
  });

  it('refuses an unverified case with the guard’s error and records nothing', async () => {
    const { account, kase } = await createAccountWithCase(t);
    const { paymentId } = await addPaidOrder(t, account.id, { totalMinor: 5000 });
    const before = await countAuditEvents(t);
    const res = await intake(agent, { caseId: kase.id, paymentId }, { requestedMinor: 5000 });
    expect(res.body.code).toBe('VERIFICATION_REQUIRED');
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(await countAuditEvents(t)).toBe(before);
  });

  it.each([
    [{ reasonCode: 'weather' }, 400, 'REFUND_REASON_UNKNOWN', 'body.reasonCode'],
    [{ requestedMinor: 0 }, 400, 'VALIDATION_FAILED', 'body.requestedMinor'],
    [{ requestedMinor: 8001 }, 409, 'REFUND_AMOUNT_ABOVE_REMAINDER', 'body.requestedMinor'],
    [{ currency: 'USD' }, 400, 'REFUND_CURRENCY_MISMATCH', 'body.currency'],
    [{ currency: 'eur' }, 400, 'REFUND_CURRENCY_MISMATCH', 'body.currency'],
    [{ paymentId: 'pay_nope' }, 400, 'REFUND_PAYMENT_NOT_ON_ACCOUNT', 'body.paymentId'],
    [{ orderId: 'ord_other' }, 400, 'REFUND_ORDER_MISMATCH', 'body.orderId'],
    [{ mood: 'furious' }, 400, 'VALIDATION_FAILED', 'body.mood'],
  ])('refuses %j with %i %s naming %s, changing nothing', async (patch, status, code, field) => {
    const c = await paidCase({ totalMinor: 8000 });
    const before = await countAuditEvents(t);
    const res = await intake(agent, c, patch);
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    expect(res.body.code).toBe(code);
    expect(JSON.stringify(res.body)).toContain(field);
    expect(await countAuditEvents(t)).toBe(before);
    const rows = await t.db
      .selectFrom('refund_requests')
      .select('id')
      .where('case_id', '=', c.caseId)
      .execute();
    expect(rows).toEqual([]);
  });

  it('refuses a payment of another account', async () => {
    const c = await paidCase({ totalMinor: 8000 });
    const other = await paidCase({ totalMinor: 8000 });
    const res = await intake(agent, { caseId: c.caseId, paymentId: other.paymentId });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'REFUND_PAYMENT_NOT_ON_ACCOUNT', field: 'body.paymentId' });
  });

  it('records one request for a replayed Idempotency-Key, and refuses the key for another request', async () => {
    const c = await paidCase({ totalMinor: 8000 });
    const key = { 'idempotency-key': `rfr-key-${c.caseId}` };
    const answers = await Promise.all(Array.from({ length: 20 }, () => intake(agent, c, {}, key)));
    expect(answers.map((a) => a.status).sort()).toEqual([...Array<number>(19).fill(200), 201]);
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    const rows = await t.db
      .selectFrom('refund_requests')
      .select('id')
      .where('case_id', '=', c.caseId)
      .execute();
    expect(rows).toHaveLength(1);
    const other = await intake(agent, c, { requestedMinor: 100 }, key);
    expect(other.status).toBe(409);
    expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });
});

describe('decisions', () => {
  it('lets the agent refund within policy and the agent’s limit, booked once through billing', async () => {
    const c = await paidCase({ totalMinor: 8000 });
    const created = await intake(agent, c);
    const res = await decide(agent, created.body.id, { action: 'approve' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      status: 'executed',
      decided: { amountMinor: 8000 },
      decidedBy: agent.user.id,
      execution: { method: 'original_payment', failureReason: null },
    });
    expect(res.body.history.map((h: { toStatus: string }) => h.toStatus)).toEqual([
      'evaluated',
      'approved',
      'executed',
    ]);
    const refunds = await refundsOf(c.paymentId);
    expect(refunds.map((r) => [r.amount_minor, r.status, r.idempotency_key])).toEqual([
      [8000, 'succeeded', `refund-request:${created.body.id}`],
    ]);
    expect((await paymentOf(c.paymentId)).refunded_minor).toBe(8000);
    const again = await decide(agent, created.body.id, { action: 'approve' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('REFUND_ALREADY_DECIDED');
  });

  it('keeps exceptions from the agent: deciding them needs the queue', async () => {
    const c = await paidCase({ totalMinor: 10_000, daysAgo: 90 });
    const created = await intake(agent, c, { requestedMinor: 10_000 });
    expect(created.body.evaluation.basis).toBe('goodwill');
    if (created.body.status === 'evaluated') {
      const res = await decide(agent, created.body.id, { action: 'approve' });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('REFUND_ESCALATION_REQUIRED');
    }
    await agent.post(`/api/refund-requests/${created.body.id}/escalate`, {});
    const byAgent = await decide(agent, created.body.id, { action: 'approve' });
    expect(byAgent.status).toBe(403);
    expect(byAgent.body.code).toBe('REFUND_APPROVER_ROLE_REQUIRED');
    expect(await refundsOf(c.paymentId)).toEqual([]);
  });

  it('lets a lead approve an exception from the queue', async () => {
    const r = await exception();
    const res = await decide(lead, r.id, { action: 'approve' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      status: 'executed',
      decided: { amountMinor: 10_000 },
      decidedBy: lead.user.id,
    });
    expect((await refundsOf(r.paymentId)).map((x) => x.amount_minor)).toEqual([10_000]);
  });

  it('lets a lead approve in part, never above the maximum', async () => {
    const r = await exception();
    const above = await decide(lead, r.id, { action: 'approve_partial', amountMinor: 10_001 });
    expect(above.status).toBe(400);
    expect(above.body).toMatchObject({ code: 'REFUND_DECISION_AMOUNT_INVALID', field: 'body.amountMinor' });
    const res = await decide(lead, r.id, { action: 'approve_partial', amountMinor: 4000 });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.decided).toEqual({ amountMinor: 4000, currency: 'EUR' });
    expect((await paymentOf(r.paymentId)).refunded_minor).toBe(4000);
  });

  it('denies only with an alternative', async () => {
    const r = await exception();
    const before = await countAuditEvents(t);
    const bare = await decide(lead, r.id, { action: 'deny' });
    expect(bare.status).toBe(400);
    expect(bare.body).toMatchObject({ code: 'REFUND_ALTERNATIVE_REQUIRED', field: 'body.alternative' });
    expect(await countAuditEvents(t)).toBe(before);
    const res = await decide(lead, r.id, {
      action: 'deny',
      alternative: { kind: 'store_credit', note: '20 € Guthaben' },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      status: 'denied',
      alternative: { kind: 'store_credit' },
      decided: null,
    });
    expect(await refundsOf(r.paymentId)).toEqual([]);
  });

  it('refuses a decision by the one who created the request', async () => {
    const r = await exception({ by: lead });
    const res = await decide(lead, r.id, { action: 'approve' });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('REFUND_SELF_DECISION');
    const other = await decide(admin, r.id, { action: 'approve' });
    expect(other.status, JSON.stringify(other.body)).toBe(200);
  });

  it('refuses an approval above the approver’s limit', async () => {
    const r = await exception({ totalMinor: 80_000, requestedMinor: 80_000 });
    const res = await decide(lead, r.id, { action: 'approve' });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: 'REFUND_OVER_APPROVAL_LIMIT', roleNeeded: 'admin' });
    expect(await refundsOf(r.paymentId)).toEqual([]);
    const byAdmin = await decide(admin, r.id, { action: 'approve' });
    expect(byAdmin.status, JSON.stringify(byAdmin.body)).toBe(200);
  });

  it('lets exactly one of 20 concurrent approvals win: one refund in billing', async () => {
    const r = await exception();
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => decide(lead, r.id, { action: 'approve' })),
    );
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    const losers = answers.filter((a) => a.status !== 200);
    expect(losers.map((a) => a.status)).toEqual(Array(19).fill(409));
    expect(new Set(losers.map((a) => a.body.code))).toEqual(new Set(['REFUND_ALREADY_DECIDED']));
    expect(await refundsOf(r.paymentId)).toHaveLength(1);
  });

  /** One verified customer with `count` goodwill requests (bought 90 days ago) in the exceptions queue. */
  async function goodwillRequests(count: number, requestedMinor: number) {
    const { account, kase } = await createAccountWithCase(t);
    await markVerified(t, kase.id);
    const orderedAt = new Date(t.clock.now().getTime() - 90 * DAY);
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const { paymentId } = await addPaidOrder(t, account.id, { totalMinor: requestedMinor, orderedAt });
      const created = await intake(
        agent,
        { caseId: kase.id, paymentId },
        { requestedMinor, reasonCode: 'poor_support' },
      );
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      expect(created.body.evaluation.basis).toBe('goodwill');
      if (created.body.status === 'evaluated')
        expect((await agent.post(`/api/refund-requests/${created.body.id}/escalate`, {})).status).toBe(200);
      ids.push(created.body.id);
    }
    return { accountId: account.id, ids };
  }

  const goodwillBooked = async (accountId: string) =>
    t.db
      .selectFrom('refund_requests')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('decided_minor').as('sum')])
      .where('account_id', '=', accountId)
      .where('status', '=', 'executed')
      .executeTakeFirstOrThrow();

  it('holds the goodwill count per customer under 20 concurrent approvals of 20 requests', async () => {
    const { accountId, ids } = await goodwillRequests(20, 5000);
    const answers = await Promise.all(ids.map((id) => decide(admin, id, { action: 'approve' })));
    const codes = answers.map((a) => (a.status === 200 ? 200 : `${a.status} ${a.body.code}`));
    // the default policy: 3 goodwill refunds (and 500 €) per customer in 12 months
    expect(codes.filter((c) => c === 200)).toHaveLength(3);
    expect(codes.filter((c) => c !== 200)).toEqual(Array(17).fill('409 REFUND_GOODWILL_LIMIT_REACHED'));
    expect(Number((await goodwillBooked(accountId)).n)).toBe(3);
    const refused = answers.find((a) => a.status === 409)!;
    expect(refused.body).toMatchObject({ usedCount: 3, maxCount: 3 });
    const approvals = await t.db
      .selectFrom('audit_events')
      .select('id')
      .where('action', '=', 'refund_request.approved')
      .where('account_id', '=', accountId)
      .execute();
    expect(approvals).toHaveLength(3);
  });

  it('holds the goodwill amount per customer under 20 concurrent approvals of 20 requests', async () => {
    const { accountId, ids } = await goodwillRequests(20, 20_000);
    const answers = await Promise.all(ids.map((id) => decide(admin, id, { action: 'approve' })));
    expect(answers.filter((a) => a.status >= 500)).toEqual([]);
    // 2 × 200 € fit into 500 €, a third would not
    expect(answers.filter((a) => a.status === 200)).toHaveLength(2);
    expect(new Set(answers.filter((a) => a.status !== 200).map((a) => a.body.code))).toEqual(
      new Set(['REFUND_GOODWILL_LIMIT_REACHED']),
    );
    const booked = await goodwillBooked(accountId);
    expect([Number(booked.n), Number(booked.sum)]).toEqual([2, 40_000]);
  });

  it('never refunds more than was paid across requests on one payment, also when 20 are approved at once', async () => {
    const c = await paidCase({ totalMinor: 10_000 });
    // 20 requests of 7 € each on one 100 € payment: together 140 €, so exactly 14 fit
    const created = [];
    for (let i = 0; i < 20; i++) created.push(await intake(agent, c, { requestedMinor: 700 }));
    expect(created.map((r) => r.status)).toEqual(Array<number>(20).fill(201));
    const answers = await Promise.all(created.map((r) => decide(agent, r.body.id, { action: 'approve' })));
    expect(answers.filter((a) => a.status >= 500)).toEqual([]);
    expect(answers.filter((a) => a.status === 200)).toHaveLength(14);
    const refused = answers.filter((a) => a.status !== 200);
    expect(refused.map((a) => [a.status, a.body.code])).toEqual(
      Array.from({ length: 6 }, () => [409, 'REFUND_EXCEEDS_REMAINDER']),
    );
    expect((await paymentOf(c.paymentId)).refunded_minor).toBe(9800);
    expect(await refundsOf(c.paymentId)).toHaveLength(14);
    const loser = created[answers.findIndex((a) => a.status === 409)]!;
    expect((await agent.get(`/api/refund-requests/${loser.body.id}`)).body.status).toBe('evaluated');
  });

  it('turns a refund the provider refuses into a failed request, reopens the case, and falls back to store credit', async () => {
    const c = await paidCase({ totalMinor: 6000, provider: 'failing-bank' });
    await agent.patch(`/api/cases/${c.caseId}`, { status: 'resolved' });
    const created = await intake(agent, c, { requestedMinor: 6000 });
    const res = await decide(agent, created.body.id, { action: 'approve' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ status: 'failed', execution: { failureReason: 'card expired' } });
    expect((await agent.get(`/api/cases/${c.caseId}`)).body.status).toBe('open');
    expect((await paymentOf(c.paymentId)).refunded_minor).toBe(0);
    const again = await decide(agent, created.body.id, { action: 'approve' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('REFUND_STATUS_CONFLICT');
    const credit = await decide(agent, created.body.id, { action: 'approve', method: 'store_credit' });
    expect(credit.status, JSON.stringify(credit.body)).toBe(200);
    expect(credit.body).toMatchObject({ status: 'executed', execution: { method: 'store_credit' } });
    const entries = await t.db
      .selectFrom('store_credit_entries')
      .select('amount_minor')
      .where('account_id', '=', c.accountId)
      .execute();
    expect(entries.map((e) => e.amount_minor)).toEqual([6000]);
  });

  it('sends a request back for more information and takes it again when resubmitted', async () => {
    const r = await exception();
    const back = await decide(lead, r.id, { action: 'send_back', note: 'Bitte Fotos des Schadens' });
    expect(back.status, JSON.stringify(back.body)).toBe(200);
    expect(back.body.status).toBe('needs_info');
    const early = await decide(lead, r.id, { action: 'approve' });
    expect(early.body.code).toBe('REFUND_STATUS_CONFLICT');
    await markVerified(t, r.caseId);
    const again = await agent.post(`/api/refund-requests/${r.id}/resubmit`, {
      note: 'Fotos liegen vor',
      reasonCode: 'defect',
    });
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(again.body).toMatchObject({ status: 'pending_approval', reasonCode: 'defect' });
    expect(again.body.history.map((h: { action: string }) => h.action)).toContain('sent_back');
  });
});

describe('the exceptions queue', () => {
  it('lists pending requests oldest first, with waiting time against 24 hours, in keyset pages', async () => {
    // the older one has waited 25 hours (moved back in time, as the session would not survive the clock)
    const older = await exception();
    const since = new Date(t.clock.now().getTime() - 25 * HOUR);
    await t.db
      .updateTable('refund_requests')
      .set({ reason_code: 'price', status_since: since })
      .where('id', '=', older.id)
      .execute();
    const newer = await exception();
    await t.db
      .updateTable('refund_requests')
      .set({ reason_code: 'price' })
      .where('id', '=', newer.id)
      .execute();
    const agentView = await agent.get('/api/refund-requests');
    expect(agentView.status).toBe(403);
    const first = await lead.get('/api/refund-requests?status=pending_approval&reason=price&limit=1');
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.targetHours).toBe(24);
    expect(first.body.items).toHaveLength(1);
    expect(first.body.items[0]).toMatchObject({
      id: older.id,
      overdue: true,
      basis: 'goodwill',
      reasonCode: 'price',
    });
    const kase = (await lead.get(`/api/cases/${older.caseId}`)).body;
    expect(first.body.items[0]).toMatchObject({
      caseNumber: kase.caseNumber,
      accountNumber: kase.accountNumber,
    });
    const second = await lead.get(
      `/api/refund-requests?reason=price&limit=1&cursor=${first.body.nextCursor}`,
    );
    expect(second.body.items.map((i: { id: string; overdue: boolean }) => [i.id, i.overdue])).toEqual([
      [newer.id, false],
    ]);
    expect(second.body.nextCursor).toBeNull();
    const bad = await lead.get('/api/refund-requests?cursor=nonsense');
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('querystring.cursor');
  });
});

describe('determinism', () => {
  it('gives every stored request its stored evaluation again from its facts and policy version', async () => {
    const rows = await t.db.selectFrom('refund_requests').selectAll().execute();
    expect(rows.length).toBeGreaterThan(10);
    const deps = t.systemDeps();
    for (const row of rows) {
      const { document } = await getPolicyVersion(deps, { version: row.policy_version });
      const again = evaluate(refundFacts.parse(row.facts), document, row.evaluated_at);
      expect(JSON.parse(JSON.stringify(again)), row.id).toEqual(row.evaluation);
    }
  });
});

describe('statements per write', () => {
  it('records a request in 11 statements and denies an exception in 11, the session check aside', async () => {
    const counting = await statementCountingApp(t);
    const leadCounting = await statementCountingApp(t, { role: 'lead' });
    try {
      // the sessions are checked (and remembered) here
      await counting.get('/api/auth/session');
      await leadCounting.get('/api/auth/session');
      const c = await paidCase({ totalMinor: 8000 });
      const before = await countAuditEvents(t);
      const created = await counting.post(
        `/api/cases/${c.caseId}/refund-requests`,
        {
          paymentId: c.paymentId,
          reasonCode: 'not_satisfied',
          customerWords: 'Bitte zurück.',
          mood: 'calm',
          requestedMinor: 100,
          currency: 'EUR',
        },
        { 'idempotency-key': 'count-intake-1' },
      );
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      expect(created.body.history.map((h: { toStatus: string }) => h.toStatus)).toEqual(['evaluated']);
      expect(await countAuditEvents(t)).toBe(before + 1);
      // key lock and look-up, the case locked, its verification, the policy, the payment with its
      // account's money (was 4), the account, earlier requests, complaints, the request with its
      // history and audit event (was 3), the request as answered (was 4): was 19
      expect(created.statements, created.sent.join('\n')).toBe(11);

      const ex = await exception();
      const denied = await leadCounting.post(
        `/api/refund-requests/${ex.id}/decision`,
        { action: 'deny', note: 'Nein', alternative: { kind: 'store_credit' } },
        { 'idempotency-key': 'count-decide-1' },
      );
      expect(denied.status, JSON.stringify(denied.body)).toBe(200);
      expect(denied.body.status).toBe('denied');
      expect(denied.body.history.at(-1)).toMatchObject({
        action: 'denied',
        toStatus: 'denied',
        note: 'Nein',
      });
      // key lock and look-up, the request locked, the move with its history, audit event and the key
      // (was 4), the account once for message and script (was twice), the message (case, account,
      // texts, template, the outbox row with its audit event: was 2), the request as answered (was
      // 4): was 19
      expect(denied.statements, denied.sent.join('\n')).toBe(11);
    } finally {
      await counting.close();
      await leadCounting.close();
    }
  });
});
