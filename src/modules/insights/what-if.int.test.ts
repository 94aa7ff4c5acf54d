import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countAuditEvents, recordRefundRequest } from '../../../test/factories';
import { startDesk, type TestApp, type TestClient } from '../../../test/harness';
import { DEFAULT_POLICY, evaluate, type PolicyDocument } from '../policy';

// The what-if through the API: a lead replays the period's refund requests against the version
// in force with a longer return window for goods (30 → 45 days) and services (14 → 30 days). The
// requests are made by hand so the numbers can be said in advance: inside the longer window a
// good is refunded less its 10 % restocking fee, a service in full; and the summary equals
// re-running the evaluation request by request. Nothing is saved, published or audited.

let t: TestApp;
let agent: TestClient;
let lead: TestClient;
let admin: TestClient;
const NOW = '2026-06-15T09:00:00Z';
const period = { from: '2026-06-15', to: '2026-06-15' };
const longer = { returnWindowDays: { physical: 45, service: 30 } };

/** A refund request for a purchase delivered `daysAgo` days ago. */
const request = (
  daysAgo: number,
  input: {
    reasonCode?: string;
    totalMinor?: number;
    category?: 'physical' | 'service';
    channel?: string;
  } = {},
) => recordRefundRequest(t, agent, { daysAgo, ...input });

/** The version in force (1, the default) with the what-if's windows: what the replay must use. */
const adjusted: PolicyDocument = {
  ...structuredClone(DEFAULT_POLICY),
  returnWindows: {
    ...DEFAULT_POLICY.returnWindows,
    physical: { days: 45, from: 'delivery' },
    service: { days: 30, from: 'purchase' },
  },
};
const simulate = (client: TestClient, body: Record<string, unknown>) =>
  client.post('/api/policy-simulations', body);

let r: {
  fresh: { id: string };
  day40: { id: string; caseId: string };
  day44: { id: string; caseId: string };
  day50: { id: string };
  day90: { id: string };
  service20: { id: string; caseId: string };
};

beforeAll(async () => {
  ({ t, agent, lead, admin } = await startDesk({ now: NOW }));
  r = {
    fresh: await request(5), // inside the withdrawal period: refunded in full either way
    day40: await request(40, { channel: 'referral' }), // outside 30 days, inside 45: 60,00 € less 10 % = 54,00 €
    day44: await request(44, { reasonCode: 'changed_mind', totalMinor: 9000 }), // 81,00 €
    day50: await request(50), // outside 45 days too (inside the draft's 60: the draft is not used)
    day90: await request(90),
    service20: await request(20, { category: 'service', totalMinor: 4000, channel: 'referral' }), // outside 14, inside 30: in full
  };
  // an admin's draft with 60 days for goods: a what-if starts from the version in force, not from it
  const draft = {
    ...structuredClone(DEFAULT_POLICY),
    returnWindows: { ...DEFAULT_POLICY.returnWindows, physical: { days: 60, from: 'delivery' } },
  };
  const saved = await admin.put('/api/admin/policy/draft?basedOn=1', draft);
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
});
afterAll(() => t.close());

type Changed = {
  requestId: string;
  caseId: string;
  before: { decision: string; recommended: { amountMinor: number }; inPolicy: boolean; role: string };
  after: { decision: string; recommended: { amountMinor: number }; inPolicy: boolean; role: string };
  difference: { amountMinor: number };
};

describe('a what-if on the policy in force', () => {
  it('tells what the adjustments can change: the windows and the goodwill limit in force', async () => {
    const res = await lead.get('/api/policy-simulations/what-if');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({
      version: 1,
      effectiveFrom: '2026-01-01',
      currency: 'EUR',
      returnWindows: [
        { category: 'subscription', days: 7, from: 'purchase' },
        { category: 'physical', days: 30, from: 'delivery' },
        { category: 'service', days: 14, from: 'purchase' },
      ],
      goodwill: { maxPerRequestMinor: 25_000, perCustomer12MonthsMaxAmountMinor: 50_000 },
    });
  });

  it('replays the period with longer windows: the exact numbers, and the same as evaluating each request again', async () => {
    const audits = await countAuditEvents(t);
    const policyRows = async () => ({
      versions: await t.db.selectFrom('policy_versions').selectAll().execute(),
      drafts: await t.db.selectFrom('policy_drafts').selectAll().execute(),
    });
    const policyBefore = await policyRows();
    const res = await simulate(lead, { ...period, adjustments: longer });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const s = res.body;
    expect(s.policy).toEqual({
      source: 'adjusted',
      version: null,
      basedOn: 1,
      changes: [
        { path: 'returnWindows.physical.days', before: 30, after: 45 },
        { path: 'returnWindows.service.days', before: 14, after: 30 },
      ],
    });
    expect(s.requests).toBe(6);

    // said in advance: the three inside the longer windows become refunds in policy, by a lead's agent
    const changed = new Map((s.changedRequests as Changed[]).map((c) => [c.requestId, c]));
    expect(changed.get(r.day40.id)?.after).toEqual({
      decision: 'approve_partial',
      recommended: { amountMinor: 5400, currency: 'EUR' },
      inPolicy: true,
      role: 'agent',
    });
    expect(changed.get(r.day44.id)?.after).toMatchObject({
      decision: 'approve_partial',
      recommended: { amountMinor: 8100 },
      inPolicy: true,
    });
    expect(changed.get(r.service20.id)?.after).toMatchObject({
      decision: 'approve',
      recommended: { amountMinor: 4000 },
      inPolicy: true,
    });
    // each was an exception before
    for (const id of [r.day40.id, r.day44.id, r.service20.id])
      expect(changed.get(id)?.before.inPolicy).toBe(false);
    expect(changed.has(r.fresh.id)).toBe(false);
    // 50 days is outside 45 (the draft's 60 would have taken it in): still an exception
    expect(changed.get(r.day50.id)?.after.inPolicy ?? false).toBe(false);

    // the same pure evaluation, request by request, on the stored facts at the stored time
    const stored = await t.db
      .selectFrom('refund_requests')
      .select(['id', 'facts', 'evaluation', 'evaluated_at'])
      .where('created_at', '>=', new Date('2026-06-14T22:00:00Z'))
      .where('created_at', '<', new Date('2026-06-15T22:00:00Z'))
      .execute();
    expect(stored).toHaveLength(6);
    let before = 0;
    let after = 0;
    let exceptionsAfter = 0;
    const changedIds: string[] = [];
    const flips = new Map<string, number>();
    const leadsAfter = { lead: 0, admin: 0 };
    for (const row of stored) {
      const then = row.evaluation as {
        decision: string;
        recommended: { amountMinor: number };
        inPolicy: boolean;
        approval: { recommended: string };
      };
      const now = evaluate(row.facts as never, adjusted, row.evaluated_at);
      before += then.recommended.amountMinor;
      after += now.recommended.amountMinor;
      if (!now.inPolicy) exceptionsAfter++;
      if (now.approval.recommended === 'lead' || now.approval.recommended === 'admin')
        leadsAfter[now.approval.recommended]++;
      const flip = `${then.decision}>${now.decision}`;
      if (then.decision !== now.decision) flips.set(flip, (flips.get(flip) ?? 0) + 1);
      if (
        then.decision !== now.decision ||
        then.recommended.amountMinor !== now.recommended.amountMinor ||
        then.inPolicy !== now.inPolicy ||
        then.approval.recommended !== now.approval.recommended
      )
        changedIds.push(row.id);
      const listed = changed.get(row.id);
      if (listed) expect(listed.after.recommended.amountMinor).toBe(now.recommended.amountMinor);
    }
    expect(s.changed).toBe(changedIds.length);
    expect([...changed.keys()].sort()).toEqual(changedIds.sort());
    expect(s.recommended.before.amountMinor).toBe(before);
    expect(s.recommended.after.amountMinor).toBe(after);
    expect(s.recommended.difference.amountMinor).toBe(after - before);
    expect(s.exceptions.after).toBe(exceptionsAfter);
    expect(s.exceptions.before - s.exceptions.after).toBeGreaterThanOrEqual(3);
    expect(s.approvals.after).toMatchObject(leadsAfter);
    expect(
      Object.fromEntries(
        s.flips.map((f: { from: string; to: string; count: number }) => [`${f.from}>${f.to}`, f.count]),
      ),
    ).toEqual(Object.fromEntries(flips));
    // by product category: the service request is the one service that changed
    const byCategory = Object.fromEntries(
      s.byCategory.map((g: { key: string; requests: number; changed: number }) => [
        g.key,
        [g.requests, g.changed],
      ]),
    );
    expect(byCategory.service).toEqual([1, 1]);
    expect(byCategory.physical[0]).toBe(5);
    // read only: no audit event, no version, no draft changed
    expect(await countAuditEvents(t)).toBe(audits);
    expect(await policyRows()).toEqual(policyBefore);
  });

  it("replays only the dashboard's channel or reason when asked: the referred customers' two requests, the one for a change of mind", async () => {
    const referral = await simulate(lead, { ...period, channel: 'referral', adjustments: longer });
    expect(referral.status, JSON.stringify(referral.body)).toBe(200);
    const stored = async (ids: string[]) =>
      (
        await t.db.selectFrom('refund_requests').select(['evaluation']).where('id', 'in', ids).execute()
      ).reduce(
        (sum, row) =>
          sum + (row.evaluation as { recommended: { amountMinor: number } }).recommended.amountMinor,
        0,
      );
    expect(referral.body).toMatchObject({
      filters: { channel: 'referral', reason: null },
      requests: 2,
      changed: 2,
      recommended: {
        before: { amountMinor: await stored([r.day40.id, r.service20.id]) },
        after: { amountMinor: 5400 + 4000 },
      },
    });
    const mind = await simulate(lead, { ...period, reason: 'changed_mind', adjustments: longer });
    expect(mind.body).toMatchObject({
      requests: 1,
      changed: 1,
      recommended: { before: { amountMinor: await stored([r.day44.id]) }, after: { amountMinor: 8100 } },
    });
    const none = await simulate(lead, {
      ...period,
      channel: 'referral',
      reason: 'changed_mind',
      adjustments: longer,
    });
    expect(none.body).toMatchObject({ requests: 0, changed: 0 });
  });

  it('a what-if on a published version adjusts that version; an admin may run it too', async () => {
    const res = await simulate(admin, { ...period, version: 1, adjustments: longer });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const inForce = await simulate(lead, { ...period, adjustments: longer });
    expect(res.body.policy.basedOn).toBe(1);
    expect(res.body.recommended).toEqual(inForce.body.recommended);
  });

  it('no adjustment changes nothing of what version 1 decided', async () => {
    const res = await simulate(lead, { ...period, adjustments: {} });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ requests: 6, changed: 0, policy: { source: 'adjusted', changes: [] } });
  });

  it('a lower goodwill limit per request is replayed the same way', async () => {
    const res = await simulate(lead, { ...period, adjustments: { goodwillMaxPerRequestMinor: 1000 } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const capped: PolicyDocument = {
      ...structuredClone(DEFAULT_POLICY),
      goodwill: { ...DEFAULT_POLICY.goodwill, maxPerRequestMinor: 1000 },
    };
    const stored = await t.db
      .selectFrom('refund_requests')
      .select(['facts', 'evaluated_at'])
      .where('created_at', '>=', new Date('2026-06-14T22:00:00Z'))
      .execute();
    const after = stored.reduce(
      (sum, row) => sum + evaluate(row.facts as never, capped, row.evaluated_at).recommended.amountMinor,
      0,
    );
    expect(res.body.recommended.after.amountMinor).toBe(after);
    expect(res.body.policy.changes).toEqual([
      { path: 'goodwill.maxPerRequestMinor', before: 25_000, after: 1000 },
    ]);
  });

  it('is for leads and admins', async () => {
    expect((await simulate(agent, { ...period, adjustments: longer })).status).toBe(403);
    expect((await agent.get('/api/policy-simulations/what-if')).status).toBe(403);
    expect((await t.anonymous().get('/api/policy-simulations/what-if')).status).toBe(401);
  });

  it.each([
    [
      { returnWindowDays: { digital: 30 } },
      'body.adjustments.returnWindowDays.digital',
      'SIMULATION_ADJUSTMENT_INVALID',
    ],
    [
      { returnWindowDays: { physical: 0 } },
      'body.adjustments.returnWindowDays.physical',
      'VALIDATION_FAILED',
    ],
    [
      { returnWindowDays: { physical: 1.5 } },
      'body.adjustments.returnWindowDays.physical',
      'VALIDATION_FAILED',
    ],
    [
      { returnWindowDays: { physical: 366 } },
      'body.adjustments.returnWindowDays.physical',
      'VALIDATION_FAILED',
    ],
    [
      { returnWindowDays: { physical: '45' } },
      'body.adjustments.returnWindowDays.physical',
      'VALIDATION_FAILED',
    ],
    [{ returnWindowDays: { books: 30 } }, 'body.adjustments.returnWindowDays.books', 'VALIDATION_FAILED'],
    [{ returnWindow: 45 }, 'body.adjustments.returnWindow', 'VALIDATION_FAILED'],
    [{ goodwillMaxPerRequestMinor: -1 }, 'body.adjustments.goodwillMaxPerRequestMinor', 'VALIDATION_FAILED'],
    // above the 12-month amount (500 €): the document's own rule, named by what the lead typed
    [
      { goodwillMaxPerRequestMinor: 60_000 },
      'body.adjustments.goodwillMaxPerRequestMinor',
      'SIMULATION_ADJUSTMENT_INVALID',
    ],
    ['45 days', 'body.adjustments', 'VALIDATION_FAILED'],
  ])('refuses the adjustments %j naming %s', async (adjustments, field, code) => {
    const audits = await countAuditEvents(t);
    const res = await simulate(lead, { ...period, adjustments });
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body).toMatchObject({ field, code });
    expect(await countAuditEvents(t)).toBe(audits);
  });

  it('words an unknown adjustment in German for a German caller, naming it', async () => {
    const res = await lead.post(
      '/api/policy-simulations',
      { ...period, adjustments: { returnWindowDays: { books: 30 } } },
      { 'accept-language': 'de' },
    );
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      {
        field: 'body.adjustments.returnWindowDays.books',
        message:
          'Keine Änderung, die die Was-wäre-wenn-Simulation kennt (subscription, digital, physical, service)',
      },
    ]);
  });

  it('names the version when it does not exist', async () => {
    const res = await simulate(lead, { ...period, version: 99, adjustments: longer });
    expect(res.status).toBe(404);
    expect(res.body.field).toBe('body.version');
  });
});
