import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countAuditEvents, recordRefundRequest } from '../../../test/factories';
import { startDesk, type TestApp, type TestClient } from '../../../test/harness';
import { DEFAULT_POLICY, evaluate, type PolicyDocument } from '../policy';

// The policy simulator through the API: the refund requests of a period replayed against the
// admin's draft (here: a longer return window for physical goods), and the summary checked
// against re-running the evaluation request by request.

let t: TestApp;
let agent: TestClient;
let lead: TestClient;
let admin: TestClient;
const NOW = '2026-05-04T09:00:00Z';

/** Physical goods delivered `daysAgo` days ago (the default return window is 30 days from delivery). */
const request = (daysAgo: number, reasonCode = 'not_satisfied', totalMinor = 6000) =>
  recordRefundRequest(t, agent, { daysAgo, reasonCode, totalMinor });

const longerWindow: PolicyDocument = {
  ...structuredClone(DEFAULT_POLICY),
  returnWindows: { ...DEFAULT_POLICY.returnWindows, physical: { days: 60, from: 'delivery' } },
};
const simulate = (client: TestClient, body: Record<string, unknown>) =>
  client.post('/api/policy-simulations', body);
const period = { from: '2026-05-01', to: '2026-05-04' };

let requests: Array<{
  id: string;
  facts: unknown;
  evaluation: { decision: string; recommended: { amountMinor: number } };
}>;

beforeAll(async () => {
  ({ t, agent, lead, admin } = await startDesk({ now: NOW }));
  requests = [
    await request(5), // inside every window: no change
    await request(40), // outside 30 days, inside 60: flips
    await request(45, 'changed_mind', 9000), // flips
    await request(90), // outside both: no change
  ];
  // one request outside the period (recorded the day before it starts)
  t.clock.set('2026-04-30T12:00:00Z');
  await request(40);
  t.clock.set(NOW);
  const saved = await admin.put('/api/admin/policy/draft?basedOn=1', longerWindow);
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
});
afterAll(() => t.close());

describe('the policy simulator', () => {
  it('replays the period against the draft; its numbers equal evaluating each request again', async () => {
    const audits = await countAuditEvents(t);
    const res = await simulate(lead, period);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const s = res.body;
    expect(s.policy).toEqual({ source: 'draft', version: null, basedOn: 1 });
    expect(s.requests).toBe(4);
    // the same pure evaluation, request by request, on the stored facts at the stored time
    const stored = await t.db
      .selectFrom('refund_requests')
      .select(['id', 'facts', 'evaluation', 'evaluated_at'])
      .where(
        'id',
        'in',
        requests.map((r) => r.id),
      )
      .execute();
    const changedIds: string[] = [];
    let before = 0;
    let after = 0;
    const flips = new Map<string, number>();
    for (const row of stored) {
      const then = row.evaluation as {
        decision: string;
        recommended: { amountMinor: number };
        inPolicy: boolean;
        approval: { recommended: string };
      };
      const now = evaluate(row.facts as never, longerWindow, row.evaluated_at);
      before += then.recommended.amountMinor;
      after += now.recommended.amountMinor;
      if (then.decision !== now.decision)
        flips.set(
          `${then.decision}>${now.decision}`,
          (flips.get(`${then.decision}>${now.decision}`) ?? 0) + 1,
        );
      if (
        then.decision !== now.decision ||
        then.recommended.amountMinor !== now.recommended.amountMinor ||
        then.inPolicy !== now.inPolicy ||
        then.approval.recommended !== now.approval.recommended
      )
        changedIds.push(row.id);
    }
    // the two inside the longer window change at least; the first (inside every window) does not
    expect(changedIds).toEqual(expect.arrayContaining([requests[1]!.id, requests[2]!.id]));
    expect(changedIds).not.toContain(requests[0]!.id);
    expect(s.changed).toBe(changedIds.length);
    expect(s.recommended.before.amountMinor).toBe(before);
    expect(s.recommended.after.amountMinor).toBe(after);
    expect(s.recommended.difference.amountMinor).toBe(after - before);
    expect(after).toBeGreaterThan(before);
    expect(
      Object.fromEntries(
        s.flips.map((f: { from: string; to: string; count: number }) => [`${f.from}>${f.to}`, f.count]),
      ),
    ).toEqual(Object.fromEntries(flips));
    expect(s.changedRequests.map((c: { requestId: string }) => c.requestId).sort()).toEqual(
      changedIds.sort(),
    );
    // 45 days: denied, now inside the window; 90 days: denied, now closer to it, so goodwill
    expect(s.flips).toEqual([{ from: 'deny', to: 'approve_partial', count: 2 }]);
    // the largest difference first
    expect(s.changedRequests[0].requestId).toBe(requests[2]!.id);
    const byReason = Object.fromEntries(
      s.byReason.map((g: { key: string; requests: number; changed: number }) => [
        g.key,
        [g.requests, g.changed],
      ]),
    );
    const notSatisfied = changedIds.filter((id) => id !== requests[2]!.id).length;
    expect(byReason).toEqual({ not_satisfied: [3, notSatisfied], changed_mind: [1, 1] });
    expect(s.byCategory).toMatchObject([{ key: 'physical', requests: 4, changed: changedIds.length }]);
    // reading changes nothing
    expect(await countAuditEvents(t)).toBe(audits);
  });

  it('replays against a published version too: version 1 changes nothing of what version 1 decided', async () => {
    const res = await simulate(admin, { ...period, version: 1 });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ requests: 4, changed: 0, flips: [], changedRequests: [] });
  });

  it('an empty period replays nothing', async () => {
    const res = await simulate(lead, { from: '2025-01-01', to: '2025-01-31' });
    expect(res.body).toMatchObject({
      requests: 0,
      changed: 0,
      recommended: { difference: { amountMinor: 0 } },
    });
  });

  it('is for leads and admins', async () => {
    expect((await simulate(agent, period)).status).toBe(403);
    expect((await t.anonymous().post('/api/policy-simulations', period)).status).toBe(401);
  });

  it.each([
    [{ from: '2026-05-04', to: '2026-05-01' }, 400, 'body.to'],
    [{ from: '2026-02-30', to: '2026-05-01' }, 400, 'body.from'],
    [{ ...period, version: 99 }, 404, 'body.version'],
    [{ ...period, version: 0 }, 400, 'body.version'],
  ])('refuses %j with %i naming %s', async (body, status, field) => {
    const res = await simulate(lead, body);
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    expect(res.body.field).toBe(field);
  });
});
