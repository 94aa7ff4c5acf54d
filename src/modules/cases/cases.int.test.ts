import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../../test/factories';
import { startTestApp, type TestApp, type TestClient } from '../../../test/harness';

let t: TestApp;
let agent: TestClient;
let lead: TestClient;
let accountId: string;

beforeAll(async () => {
  t = await startTestApp();
  agent = await t.login('agent');
  lead = await t.login('lead');
  accountId = (await createAccount(t, { email: 'case@example.de' })).id;
});
afterAll(() => t.close());

async function auditCount() {
  const row = await t.db
    .selectFrom('audit_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('cases', () => {
  it('opens a case with a readable number, assigned to the agent, unverified', async () => {
    const res = await agent.post('/api/cases', {
      accountId,
      type: 'cancellation',
      channel: 'phone',
      mood: 'upset',
      subject: 'Kündigung',
    });
    expect(res.status).toBe(201);
    expect(res.body.caseNumber).toMatch(/^C-\d+$/);
    expect(res.body).toMatchObject({
      status: 'open',
      type: 'cancellation',
      mood: 'upset',
      assignee: { id: agent.user.id },
      verification: { state: 'unverified', canCancel: false },
    });
    const second = await agent.post('/api/cases', { accountId, type: 'inquiry', channel: 'email' });
    expect(Number(second.body.caseNumber.slice(2))).toBeGreaterThan(Number(res.body.caseNumber.slice(2)));
    const mine = await agent.get('/api/cases?assignee=me&status=open');
    expect(mine.body.items.map((c: { id: string }) => c.id)).toEqual(
      expect.arrayContaining([res.body.id, second.body.id]),
    );
  });

  it('changes status and assignee, closes with a follow-up, and tells the story in the timeline', async () => {
    const { body: kase } = await agent.post('/api/cases', { accountId, type: 'refund', channel: 'chat' });
    const pending = await agent.patch(`/api/cases/${kase.id}`, { status: 'pending', mood: 'angry' });
    expect(pending.body).toMatchObject({ status: 'pending', mood: 'angry' });
    const reassigned = await agent.patch(`/api/cases/${kase.id}`, { assigneeId: lead.user.id });
    expect(reassigned.body.assignee.id).toBe(lead.user.id);
    const closed = await lead.patch(`/api/cases/${kase.id}`, { status: 'closed' });
    expect(closed.body.status).toBe('closed');
    expect(closed.body.closedAt).toBeTruthy();
    const surveys = await agent.get(`/api/cases/${kase.id}/surveys`);
    expect(surveys.body.items[0].state).toBe('scheduled');
    const again = await lead.patch(`/api/cases/${kase.id}`, { status: 'open' });
    expect(again.body.code).toBe('CASE_CLOSED');
    const timeline = await agent.get(`/api/cases/${kase.id}/timeline`);
    expect(timeline.body.items.map((e: { action: string }) => e.action)).toEqual([
      'case.opened',
      'case.updated',
      'case.assigned',
      'case.closed',
      'follow_up.scheduled',
    ]);
    expect(timeline.body.items[1]).toMatchObject({
      actor: { id: agent.user.id, role: 'agent' },
      changes: { status: { from: 'open', to: 'pending' }, mood: { from: 'calm', to: 'angry' } },
    });
  });

  it('refuses bad input and unknown ids, naming the field, and changes nothing', async () => {
    const before = await auditCount();
    const cases = [
      [{ type: 'refund', channel: 'phone' }, 'body.accountId'],
      [{ accountId, type: 'complaint', channel: 'phone' }, 'body.type'],
      [{ accountId, type: 'refund', channel: 42 }, 'body.channel'],
      [{ accountId, type: 'refund', channel: 'phone', subject: 'x'.repeat(10_000) }, 'body.subject'],
    ] as const;
    for (const [body, field] of cases) {
      const res = await agent.post('/api/cases', body);
      expect(res.status).toBe(400);
      expect(res.body.field).toBe(field);
    }
    const unknownAccount = await agent.post('/api/cases', {
      accountId: 'acc_nope',
      type: 'refund',
      channel: 'phone',
    });
    expect(unknownAccount.status).toBe(404);
    expect(unknownAccount.body.field).toBe('body.accountId');
    expect((await agent.get('/api/cases/case_nope')).status).toBe(404);
    expect((await agent.patch('/api/cases/case_nope', { status: 'pending' })).status).toBe(404);
    const { body: kase } = await agent.post('/api/cases', { accountId, type: 'refund', channel: 'phone' });
    const afterOpen = await auditCount();
    const badAssignee = await agent.patch(`/api/cases/${kase.id}`, { assigneeId: 'usr_nope' });
    expect(badAssignee.status).toBe(400);
    expect(badAssignee.body.field).toBe('body.assigneeId');
    expect((await agent.patch(`/api/cases/${kase.id}`, { status: 'done' })).body.field).toBe('body.status');
    expect(await auditCount()).toBe(afterOpen);
    expect(afterOpen).toBe(before + 1);
  });
});
