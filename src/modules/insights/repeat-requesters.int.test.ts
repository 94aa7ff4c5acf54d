import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPaidOrder, createAccountWithCase, markVerified } from '../../../test/factories';
import { startDesk, type TestApp, type TestClient } from '../../../test/harness';
import { DAY } from '../../platform/clock';

// Repeat requesters: accounts with several refund requests in the last months, counted from the
// stored requests, with the abuse signals their evaluations raised, for a lead to review.

let t: TestApp;
let agent: TestClient;
let lead: TestClient;

beforeAll(async () => {
  ({ t, agent, lead } = await startDesk({ now: '2027-03-04T09:00:00Z' }));
});
afterAll(() => t.close());

async function customerWith(requests: Array<{ daysAgo: number; boughtDaysAgo: number; approve?: boolean }>) {
  const { account, kase } = await createAccountWithCase(t);
  await markVerified(t, kase.id);
  const now = t.clock.now();
  const ids: string[] = [];
  for (const r of requests) {
    t.clock.set(new Date(now.getTime() - r.daysAgo * DAY));
    await markVerified(t, kase.id);
    const { paymentId } = await addPaidOrder(t, account.id, {
      totalMinor: 3000,
      orderedAt: new Date(t.clock.now().getTime() - r.boughtDaysAgo * DAY),
    });
    const res = await agent.post(`/api/cases/${kase.id}/refund-requests`, {
      paymentId,
      reasonCode: 'not_satisfied',
      customerWords: 'Schon wieder nicht zufrieden.',
      mood: 'calm',
      requestedMinor: 3000,
      currency: 'EUR',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    ids.push(res.body.id);
    if (r.approve) {
      const ok = await agent.post(`/api/refund-requests/${res.body.id}/decision`, {
        action: 'approve',
        note: 'ok',
      });
      expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    }
  }
  t.clock.set(now);
  return { accountId: account.id, accountNumber: account.accountNumber as string, caseId: kase.id, ids };
}

describe('repeat requesters', () => {
  it('lists accounts with several requests in the period, with exceptions, payouts and signals', async () => {
    // four within a month (three paid back inside the withdrawal period, one far outside every window)
    const repeat = await customerWith([
      { daysAgo: 25, boughtDaysAgo: 3, approve: true },
      { daysAgo: 20, boughtDaysAgo: 3, approve: true },
      { daysAgo: 10, boughtDaysAgo: 3, approve: true },
      { daysAgo: 2, boughtDaysAgo: 200 },
    ]);
    // one request only: not a repeat requester
    const once = await customerWith([{ daysAgo: 5, boughtDaysAgo: 3 }]);
    // two, but one of them 400 days ago: outside the 12 months (the policy is in force since 1 January 2026)
    const old = await customerWith([
      { daysAgo: 400, boughtDaysAgo: 3 },
      { daysAgo: 10, boughtDaysAgo: 3 },
    ]);

    const res = await lead.get('/api/insights/repeat-requesters');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const ids = res.body.items.map((i: { accountId: string }) => i.accountId);
    expect(ids).toContain(repeat.accountId);
    expect(ids).not.toContain(once.accountId);
    expect(ids).not.toContain(old.accountId);
    const row = res.body.items.find((i: { accountId: string }) => i.accountId === repeat.accountId);
    const stored = await t.db
      .selectFrom('refund_requests')
      .select(['evaluation', 'status'])
      .where('account_id', '=', repeat.accountId)
      .execute();
    const exceptions = stored.filter((s) => !(s.evaluation as { inPolicy: boolean }).inPolicy).length;
    const signals: Record<string, number> = {};
    for (const s of stored)
      for (const sig of (s.evaluation as { abuseSignals: Array<{ signal: string }> }).abuseSignals)
        signals[sig.signal] = (signals[sig.signal] ?? 0) + 1;
    expect(row).toMatchObject({
      accountNumber: repeat.accountNumber,
      requests: 4,
      exceptions,
      paidOut: 3,
      paid: { amountMinor: 9000, currency: 'EUR' },
      requested: { amountMinor: 12_000 },
      lastRequestId: repeat.ids[3],
      lastCaseId: repeat.caseId,
      signals,
    });
    expect(exceptions).toBe(1);
    // the fourth request in 30 days: the policy engine saw a burst (and three refunds before it)
    expect(signals.request_burst ?? 0).toBeGreaterThanOrEqual(1);

    // a longer period takes the old one in; a higher minimum leaves the repeat one out
    const longer = await lead.get('/api/insights/repeat-requesters?months=24');
    expect(longer.body.items.map((i: { accountId: string }) => i.accountId)).toContain(old.accountId);
    const stricter = await lead.get('/api/insights/repeat-requesters?min=5');
    expect(stricter.body.items.map((i: { accountId: string }) => i.accountId)).not.toContain(
      repeat.accountId,
    );
  });

  it('is for leads and admins, and names a bad filter', async () => {
    expect((await agent.get('/api/insights/repeat-requesters')).status).toBe(403);
    const bad = await lead.get('/api/insights/repeat-requesters?months=0');
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('querystring.months');
  });
});
