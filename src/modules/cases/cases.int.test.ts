import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countAuditEvents, createAccount, markVerified } from '../../../test/factories';
import { startDesk, type TestApp, type TestClient } from '../../../test/harness';
import { listCasesQuery } from './cases.repository';

let t: TestApp;
let agent: TestClient;
let lead: TestClient;
let accountId: string;

beforeAll(async () => {
  ({ t, agent, lead } = await startDesk());
  accountId = (await createAccount(t, { email: 'case@example.de' })).id;
});
afterAll(() => t.close());

const auditCount = () => countAuditEvents(t);

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
      [{ accountId, type: 'grievance', channel: 'phone' }, 'body.type'],
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

describe('case details', () => {
  // the verification row as a passed check (or a lead's override) leaves it, named as it was on the case
  const verify = (
    id: string,
    set: {
      verified_at: Date;
      verification_expires_at: Date;
      verified_subject_type: 'holder' | 'representative' | 'override';
      verified_representative_id?: string;
      verified_can_cancel: boolean;
      verified_can_request_refunds: boolean;
    },
  ) =>
    markVerified(t, id, {
      verifiedAt: set.verified_at,
      expiresAt: set.verification_expires_at,
      subjectType: set.verified_subject_type,
      representativeId: set.verified_representative_id ?? null,
      canCancel: set.verified_can_cancel,
      canRequestRefunds: set.verified_can_request_refunds,
    });

  it('computes the verification state from the case and the clock: verified, representative, expired, override', async () => {
    const account = await createAccount(t, {
      firstName: 'Vera',
      lastName: 'Zustand',
      representatives: [{ firstName: 'Rudi', lastName: 'Vertreter', canCancel: true }],
    });
    const rep = account.representatives[0]!;
    const open = async () =>
      (await agent.post('/api/cases', { accountId: account.id, type: 'refund', channel: 'phone' })).body;
    const now = t.clock.now();
    const in30 = new Date(now.getTime() + 30 * 60_000);

    const holder = await open();
    await verify(holder.id, {
      verified_at: now,
      verification_expires_at: in30,
      verified_subject_type: 'holder',
      verified_can_cancel: true,
      verified_can_request_refunds: true,
    });
    const viaRep = await open();
    await verify(viaRep.id, {
      verified_at: now,
      verification_expires_at: in30,
      verified_subject_type: 'representative',
      verified_representative_id: rep.id,
      verified_can_cancel: true,
      verified_can_request_refunds: false,
    });
    const override = await open();
    await verify(override.id, {
      verified_at: now,
      verification_expires_at: in30,
      verified_subject_type: 'override',
      verified_can_cancel: true,
      verified_can_request_refunds: true,
    });
    const get = async (id: string) => (await agent.get(`/api/cases/${id}`)).body;

    expect((await get(holder.id)).verification).toMatchObject({
      state: 'verified',
      subjectType: 'holder',
      representativeName: null,
      canCancel: true,
      canRequestRefunds: true,
      expiresAt: in30.toISOString(),
    });
    expect((await get(viaRep.id)).verification).toMatchObject({
      state: 'verified',
      subjectType: 'representative',
      representativeId: rep.id,
      representativeName: 'Rudi Vertreter',
      canCancel: true,
      canRequestRefunds: false,
    });
    expect((await get(override.id)).verification).toMatchObject({ state: 'override', canCancel: true });
    expect(await get(holder.id)).toMatchObject({
      customerName: 'Vera Zustand',
      accountNumber: account.accountNumber,
      openedBy: { id: agent.user.id, displayName: expect.any(String) },
      closedAt: null,
    });

    t.clock.advance(31 * 60_000);
    for (const id of [holder.id, viaRep.id, override.id])
      expect((await get(id)).verification).toMatchObject({
        state: 'expired',
        canCancel: false,
        canRequestRefunds: false,
      });
  });

  it('lists by account, assignee and status, newest first, within the limit', async () => {
    const account = await createAccount(t, { firstName: 'Liste', lastName: 'Filter' });
    const open = async (client: TestClient) =>
      (await client.post('/api/cases', { accountId: account.id, type: 'inquiry', channel: 'web' })).body;
    const a = await open(agent);
    t.clock.advance(1000);
    const b = await open(lead);
    t.clock.advance(1000);
    const c = await open(agent);
    await agent.patch(`/api/cases/${c.id}`, { status: 'resolved' });
    const list = async (qs: string) =>
      (await agent.get(`/api/cases?accountId=${account.id}&${qs}`)).body.items.map(
        (i: { id: string }) => i.id,
      );
    expect(await list('')).toEqual([c.id, b.id, a.id]);
    expect(await list('assignee=me')).toEqual([c.id, a.id]);
    expect(await list(`assignee=${lead.user.id}`)).toEqual([b.id]);
    expect(await list('status=resolved')).toEqual([c.id]);
    expect(await list('limit=1')).toEqual([c.id]);
    const resolved = await agent.get(`/api/cases/${c.id}`);
    expect(resolved.body).toMatchObject({ status: 'resolved', closedAt: null });
    const account2 = await agent.get(`/api/accounts/${account.id}`);
    expect(account2.body.cases.map((i: { id: string }) => i.id)).toEqual([c.id, b.id, a.id]);
    expect((await agent.get('/api/cases?status=done')).body.field).toBe('querystring.status');
    expect((await agent.get('/api/cases?limit=0')).body.field).toBe('querystring.limit');
  });

  it('shows who did what in the timeline, with display names, oldest first', async () => {
    const { body: kase } = await agent.post('/api/cases', { accountId, type: 'inquiry', channel: 'phone' });
    t.clock.advance(1000);
    await lead.patch(`/api/cases/${kase.id}`, { subject: 'Rückruf gewünscht' });
    const res = await agent.get(`/api/cases/${kase.id}/timeline`);
    const staff = (await agent.get('/api/staff')).body.items as Array<{ id: string; displayName: string }>;
    const nameOf = (id: string) => staff.find((s) => s.id === id)?.displayName;
    expect(res.body.items).toEqual([
      expect.objectContaining({
        action: 'case.opened',
        actor: { id: agent.user.id, displayName: nameOf(agent.user.id), role: 'agent' },
      }),
      expect.objectContaining({
        action: 'case.updated',
        actor: { id: lead.user.id, displayName: nameOf(lead.user.id), role: 'lead' },
        changes: { subject: { from: null, to: 'Rückruf gewünscht' } },
      }),
    ]);
    const audit = await t.db
      .selectFrom('audit_events')
      .select(['account_id', 'case_id'])
      .where('case_id', '=', kase.id)
      .execute();
    expect(audit).toEqual([
      { account_id: accountId, case_id: kase.id },
      { account_id: accountId, case_id: kase.id },
    ]);
    expect((await agent.get('/api/cases/case_nope/timeline')).body).toMatchObject({
      code: 'CASE_NOT_FOUND',
      field: 'params.id',
    });
  });

  it('refuses deactivated assignees, bad updates and callers without a session, changing nothing', async () => {
    const admin = await t.login('admin');
    const created = await admin.post('/api/admin/staff', {
      email: 'gone@kulanz.test',
      displayName: 'Gone',
      role: 'agent',
      password: 'gone-password-1',
    });
    expect(created.status).toBe(201);
    const goneId = created.body.id ?? created.body.user?.id;
    expect((await admin.patch(`/api/admin/staff/${goneId}`, { isActive: false })).status).toBe(200);
    const { body: kase } = await agent.post('/api/cases', { accountId, type: 'refund', channel: 'phone' });
    const before = await auditCount();
    const bad: Array<[unknown, string]> = [
      [{ assigneeId: goneId }, 'body.assigneeId'],
      [{ subject: 'x'.repeat(10_000) }, 'body.subject'],
      [{ mood: 3 }, 'body.mood'],
      [{ status: ['closed'] }, 'body.status'],
      [{ caseNumber: 'C-1' }, 'body'],
    ];
    for (const [body, field] of bad) {
      const res = await agent.patch(`/api/cases/${kase.id}`, body);
      expect(res.status).toBe(400);
      expect(res.body.field ?? '').toContain(field);
    }
    expect((await t.anonymous().get(`/api/cases/${kase.id}`)).status).toBe(401);
    expect((await t.anonymous().get('/api/cases')).status).toBe(401);
    expect(
      (await t.anonymous().post('/api/cases', { accountId, type: 'refund', channel: 'phone' })).status,
    ).toBe(401);
    expect(await auditCount()).toBe(before);
    expect((await agent.get(`/api/cases/${kase.id}`)).body).toMatchObject({
      status: 'open',
      mood: 'calm',
      subject: null,
      assignee: { id: agent.user.id },
    });
  });
});

describe('case lists at scale', () => {
  it('reads everybody’s cases newest first from an index, with or without a status, never sorting the table', async () => {
    const plans = await t.db.transaction().execute(async (trx) => {
      await sql`set local enable_seqscan = off`.execute(trx);
      const plan = async (status?: 'open') =>
        (await listCasesQuery(trx, { status, limit: 100 }).explain())
          .map((r) => String(r['QUERY PLAN']))
          .join('\n');
      return [await plan('open'), await plan()];
    });
    expect(plans[0]).toContain('cases_status_opened');
    expect(plans[1]).toContain('cases_opened');
    for (const plan of plans) expect(plan).not.toMatch(/\bSort\b/);
  });
});
