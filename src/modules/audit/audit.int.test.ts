import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe('audit log browsing', () => {
  it('is for admins only', async () => {
    expect((await (await t.login('agent')).get('/api/admin/audit')).status).toBe(403);
    expect((await (await t.login('lead')).get('/api/admin/audit')).status).toBe(403);
    expect((await (await t.login('admin')).get('/api/admin/audit')).status).toBe(200);
  });

  it('shows who did what, newest first, filtered by entity, and pages with a cursor', async () => {
    const admin = await t.login('admin');
    const created = await admin.post('/api/admin/staff', {
      email: 'audited@kulanz.test',
      displayName: 'Audited',
      role: 'agent',
      password: 'audited-password',
    });
    await admin.patch(`/api/admin/staff/${created.body.id}`, { displayName: 'Audited Twice' });
    await admin.patch(`/api/admin/staff/${created.body.id}`, { role: 'lead' });

    const all = await admin.get(`/api/admin/audit?entityType=staff_user&entityId=${created.body.id}`);
    expect(all.status).toBe(200);
    expect(all.body.items.map((e: { action: string }) => e.action)).toEqual([
      'staff.updated',
      'staff.updated',
      'staff.created',
    ]);
    expect(all.body.items[0]).toMatchObject({
      actor: { id: 'usr_demo_admin', displayName: 'Ada Admin', role: 'admin' },
      changes: { role: { from: 'agent', to: 'lead' } },
    });

    const first = await admin.get(`/api/admin/audit?entityId=${created.body.id}&limit=2`);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextBefore).toBe(first.body.items[1].id);
    const second = await admin.get(
      `/api/admin/audit?entityId=${created.body.id}&limit=2&before=${first.body.nextBefore}`,
    );
    expect(second.body.items.map((e: { action: string }) => e.action)).toEqual(['staff.created']);
    expect(second.body.nextBefore).toBeNull();
  });

  it('filters by action prefix and time range', async () => {
    const admin = await t.login('admin');
    const from = new Date(t.clock.now().getTime() - 1000).toISOString();
    const res = await admin.get(`/api/admin/audit?action=staff.logged&from=${encodeURIComponent(from)}`);
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeGreaterThan(0);
    for (const e of res.body.items) expect(e.action).toMatch(/^staff\.logged_/);
    const none = await admin.get(`/api/admin/audit?to=${encodeURIComponent('2000-01-01T00:00:00Z')}`);
    expect(none.body.items).toEqual([]);
  });

  it('filters by account and case number as well as by id, and names the account, case and staff user on each event', async () => {
    const admin = await t.login('admin');
    const agent = await t.login('agent');
    const account = (await agent.get('/api/accounts/search?q=K1000002')).body.items[0];
    const kase = (
      await agent.post('/api/cases', { accountId: account.id, type: 'inquiry', channel: 'phone' })
    ).body;
    const ids = async (query: string) =>
      (await admin.get(`/api/admin/audit?${query}`)).body.items.map((e: { id: number }) => e.id);

    const byNumber = await admin.get('/api/admin/audit?accountId=K1000002');
    expect(byNumber.status).toBe(200);
    expect(byNumber.body.items.length).toBeGreaterThan(0);
    for (const e of byNumber.body.items)
      expect(e).toMatchObject({ accountId: account.id, accountNumber: 'K1000002' });
    expect(byNumber.body.items[0]).toMatchObject({
      action: 'case.opened',
      entityType: 'case',
      entityId: kase.id,
      entityLabel: kase.caseNumber,
      caseNumber: kase.caseNumber,
    });
    expect(await ids('accountId=k1000002')).toEqual(await ids(`accountId=${account.id}`));
    expect(await ids(`caseId=${kase.caseNumber.toLowerCase()}`)).toEqual(await ids(`caseId=${kase.id}`));
    expect(await ids(`caseId=${kase.caseNumber}`)).toContain(byNumber.body.items[0].id);
    expect(await ids('accountId=K9999999')).toEqual([]);

    const staff = await admin.get(`/api/admin/audit?entityType=staff_user&entityId=${agent.user.id}&limit=1`);
    expect(staff.body.items[0]).toMatchObject({
      entityLabel: 'Anna Agentin',
      accountNumber: null,
      caseNumber: null,
    });
  });

  it('rejects bad filters naming the field', async () => {
    const admin = await t.login('admin');
    const bad = await admin.get('/api/admin/audit?limit=100000');
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('querystring.limit');
    const date = await admin.get('/api/admin/audit?from=yesterday');
    expect(date.body.field).toBe('querystring.from');
    const unknown = await admin.get('/api/admin/audit?colour=red');
    expect(unknown.status).toBe(400);
  });
});
