import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPaidOrder, createAccountWithCase, createCase, markVerified } from '../../../test/factories';
import { startDesk, type TestApp, type TestClient } from '../../../test/harness';
import { DAY } from '../../platform/clock';

// Facts the evaluation reads from the rest of kulanz: where an order was sold (a shop sale is no
// distance contract, so the statutory withdrawal does not apply) and the customer's complaints
// (cases of type complaint in the last 12 months), which the policy weighs.

let t: TestApp;
let agent: TestClient;

beforeAll(async () => {
  ({ t, agent } = await startDesk({ now: '2026-05-04T09:00:00Z' }));
});
afterAll(() => t.close());

async function request(input: {
  salesChannel?: 'online' | 'phone' | 'mail' | 'store';
  complaintsDaysAgo?: number[];
}) {
  const { account, kase } = await createAccountWithCase(t);
  await markVerified(t, kase.id);
  for (const days of input.complaintsDaysAgo ?? []) {
    const now = t.clock.now();
    t.clock.set(new Date(now.getTime() - days * DAY));
    await createCase(t, account.id, { type: 'complaint' });
    t.clock.set(now);
  }
  const { paymentId } = await addPaidOrder(t, account.id, {
    totalMinor: 5000,
    orderedAt: new Date(t.clock.now().getTime() - 3 * DAY),
    salesChannel: input.salesChannel,
  });
  const res = await agent.post(`/api/cases/${kase.id}/refund-requests`, {
    paymentId,
    reasonCode: 'changed_mind',
    customerWords: 'Ich habe es mir anders überlegt.',
    mood: 'calm',
    requestedMinor: 5000,
    currency: 'EUR',
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

describe('distance contracts', () => {
  it.each(['online', 'phone', 'mail'] as const)(
    'an order sold %s may be withdrawn from within 14 days',
    async (channel) => {
      const r = await request({ salesChannel: channel });
      expect(r.facts.payment.isDistanceContract).toBe(true);
      expect(r.evaluation).toMatchObject({ basis: 'withdrawal', inPolicy: true });
    },
  );

  it('an order bought in a shop is no distance contract: no withdrawal, and the evaluation says why', async () => {
    const r = await request({ salesChannel: 'store' });
    expect(r.facts.payment.isDistanceContract).toBe(false);
    expect(r.evaluation.basis).not.toBe('withdrawal');
    const finding = r.evaluation.findings.find((f: { code: string }) => f.code === 'withdrawal_no_distance');
    expect(finding?.de).toBeTruthy();
  });
});

describe('complaints', () => {
  it('counts the complaints of the last 12 months in the facts and weighs them as a factor', async () => {
    const r = await request({ complaintsDaysAgo: [10, 200, 400] });
    // 400 days ago is outside the history the desk reads
    expect(r.facts.history.complaints).toHaveLength(2);
    const factor = r.evaluation.factors.find((f: { factor: string }) => f.factor === 'complaints');
    expect(factor.de).toContain('2 Beschwerden');
    const none = await request({});
    expect(none.facts.history.complaints).toEqual([]);
    const calm = none.evaluation.factors.find((f: { factor: string }) => f.factor === 'complaints');
    expect(factor.points).not.toBe(calm.points);
  });
});
