import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countAuditEvents } from '../../../test/factories';
import { startDesk, type TestApp, type TestClient } from '../../../test/harness';
import type { PolicyDocument } from './policy.schemas';

// The admin's policy editor through the API: draft, diff, publish, and the public page that
// follows the version in force. One desk, the steps in order (each builds on the one before).

let t: TestApp;
let agent: TestClient;
let lead: TestClient;
let admin: TestClient;
beforeAll(async () => {
  ({ t, agent, lead, admin } = await startDesk({ now: '2026-12-03T10:00:00Z' }));
});
afterAll(() => t?.close());

type Admin = {
  today: string;
  inForce: { version: number; document: PolicyDocument };
  newest: { version: number; effectiveFrom: string; document: PolicyDocument };
  versions: Array<{ version: number; effectiveFrom: string; publishedBy: { name: string } | null }>;
  draft: null | {
    basedOn: number;
    version: number;
    document: PolicyDocument;
    updatedAt: string;
    outdated: boolean;
    changes: Array<{ path: string; before: unknown; after: unknown }>;
  };
};
const view = async () => (await admin.get<Admin>('/api/admin/policy')).body;
// an answer: the editor's view, or a problem
type Answer = Admin & { code?: string; field?: string; earliest?: string };
const withPhysicalDays = (doc: PolicyDocument, days: number): PolicyDocument => ({
  ...doc,
  returnWindows: { ...doc.returnWindows, physical: { days, from: 'delivery' } },
});
const save = (doc: PolicyDocument, basedOn: number, draftUpdatedAt?: string) =>
  admin.put<Answer>(
    `/api/admin/policy/draft?basedOn=${basedOn}${draftUpdatedAt ? `&draftUpdatedAt=${encodeURIComponent(draftUpdatedAt)}` : ''}`,
    doc,
  );
const publish = (effectiveFrom: string, draftUpdatedAt: string) =>
  admin.post<Answer>('/api/admin/policy/publish', { effectiveFrom, draftUpdatedAt });
const auditOf = (action: string) =>
  t.db.selectFrom('audit_events').selectAll().where('action', '=', action).orderBy('id', 'desc').execute();
const publicHtml = async (query: string, headers: Record<string, string> = {}) => {
  const res = await t.app.inject({ method: 'GET', url: `/policy${query}`, headers });
  return res;
};

describe('the refund policy editor', () => {
  it('shows version 1 in force and as the newest, the history, and no draft', async () => {
    const v = await view();
    expect(v.today).toBe('2026-12-03');
    expect(v.inForce.version).toBe(1);
    expect(v.newest.version).toBe(1);
    expect(v.versions.map((x) => [x.version, x.effectiveFrom, x.publishedBy])).toEqual([
      [1, '2026-01-01', null],
    ]);
    expect(v.draft).toBeNull();
  });

  it('saves a draft as version 2 based on version 1, with the diff, audited', async () => {
    const base = (await view()).newest.document;
    const res = await save(withPhysicalDays(base, 45), 1);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.draft).toMatchObject({ basedOn: 1, version: 2, outdated: false });
    expect(res.body.draft!.document.returnWindows.physical).toEqual({ days: 45, from: 'delivery' });
    expect(res.body.draft!.changes).toEqual([
      { path: 'returnWindows.physical.days', change: 'changed', before: 30, after: 45 },
    ]);
    // nothing is published by saving
    expect(res.body.newest.version).toBe(1);
    const [event] = await auditOf('policy.draft_saved');
    expect(event).toMatchObject({ entity_type: 'policy_version', entity_id: '2', actor_id: admin.user.id });
    expect(event!.changes).toMatchObject({
      basedOn: 1,
      changes: [{ path: 'returnWindows.physical.days', before: 30, after: 45 }],
    });
  });

  it('replaces the draft with the timestamp it loaded, and refuses a stale save with 409', async () => {
    const loaded = (await view()).draft!;
    const replaced = await save(withPhysicalDays(loaded.document, 40), 1, loaded.updatedAt);
    expect(replaced.status, JSON.stringify(replaced.body)).toBe(200);
    expect(replaced.body.draft!.document.returnWindows.physical?.days).toBe(40);
    expect(replaced.body.draft!.updatedAt).not.toBe(loaded.updatedAt);
    // a second admin still holding the first version of the draft
    const stale = await save(withPhysicalDays(loaded.document, 50), 1, loaded.updatedAt);
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('POLICY_DRAFT_STALE');
    // one who never saw the draft
    const blind = await save(withPhysicalDays(loaded.document, 50), 1);
    expect(blind.body.code).toBe('POLICY_DRAFT_STALE');
    expect((await view()).draft!.document.returnWindows.physical?.days).toBe(40);
  });

  it('refuses an invalid document naming the field, saving nothing and auditing nothing', async () => {
    const before = await view();
    const audits = await countAuditEvents(t);
    const res = await save(withPhysicalDays(before.draft!.document, 0), 1, before.draft!.updatedAt);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.field).toBe('body.returnWindows.physical.days');
    const unordered = await save(
      {
        ...before.draft!.document,
        approvalLimits: {
          ...before.draft!.document.approvalLimits,
          exception: { agent: 60_000, lead: 50_000, admin: null },
        },
      },
      1,
      before.draft!.updatedAt,
    );
    expect(unordered.status).toBe(400);
    expect(unordered.body.field).toBe('body.approvalLimits.exception.lead');
    expect(await countAuditEvents(t)).toBe(audits);
    expect(await view()).toEqual(before);
  });

  it('discards the draft (audited); discarding again is a 409', async () => {
    const res = await admin.delete<Admin>('/api/admin/policy/draft');
    expect(res.status).toBe(200);
    expect(res.body.draft).toBeNull();
    expect((await auditOf('policy.draft_discarded'))[0]).toMatchObject({ entity_id: '2' });
    const again = await admin.delete('/api/admin/policy/draft');
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('POLICY_NO_DRAFT');
  });

  it('refuses an effective date in the past or that is no day, and publishes v2 from today', async () => {
    const saved = await save(withPhysicalDays((await view()).newest.document, 45), 1);
    const token = saved.body.draft!.updatedAt;
    const past = await publish('2026-12-02', token);
    expect(past.status).toBe(400);
    expect(past.body).toMatchObject({
      code: 'POLICY_EFFECTIVE_DATE_TOO_EARLY',
      field: 'body.effectiveFrom',
      earliest: '2026-12-03',
    });
    const noDay = await publish('2026-02-30', token);
    expect(noDay.status).toBe(400);
    expect(noDay.body.field).toBe('body.effectiveFrom');
    expect((await view()).newest.version).toBe(1);

    const res = await publish('2026-12-03', token);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.draft).toBeNull();
    expect(res.body.inForce.version).toBe(2);
    expect(res.body.newest).toMatchObject({ version: 2, effectiveFrom: '2026-12-03' });
    expect(res.body.newest.document).toMatchObject({ version: 2, effectiveFrom: '2026-12-03' });
    expect(res.body.versions.map((v) => v.version)).toEqual([2, 1]);
    expect(res.body.versions[0]!.publishedBy?.name).toBeTruthy();
    const [event] = await auditOf('policy.published');
    expect(event).toMatchObject({ entity_id: '2', actor_id: admin.user.id });
    expect(event!.changes).toMatchObject({ effectiveFrom: '2026-12-03' });
    const row = await t.db.selectFrom('policy_drafts').selectAll().executeTakeFirst();
    expect(row).toBeUndefined();
  });

  it('shows the version in force on the public JSON and HTML pages, in German and English', async () => {
    const de = await t.anonymous().get('/api/policy?lang=de');
    expect(de.status).toBe(200);
    expect(de.body).toMatchObject({ version: 2, effectiveFrom: '2026-12-03', lang: 'de' });
    const returnsDe = de.body.sections.find((s: { id: string }) => s.id === 'returns');
    expect(returnsDe.paragraphs.join(' ')).toContain('Waren: 45 Tage ab Lieferung');
    const en = await t.anonymous().get('/api/policy?lang=en');
    const returnsEn = en.body.sections.find((s: { id: string }) => s.id === 'returns');
    expect(returnsEn.paragraphs.join(' ')).toContain('Physical goods: 45 days from delivery');

    const html = await publicHtml('');
    expect(html.statusCode).toBe(200);
    expect(html.headers['content-type']).toContain('text/html');
    expect(html.headers['cache-control']).toBe('no-store');
    expect(html.headers['referrer-policy']).toBe('no-referrer');
    expect(String(html.headers['content-security-policy'])).toContain("default-src 'self'");
    expect(html.body).toContain('<html lang="de">');
    expect(html.body).toContain('Kulanz Demo GmbH');
    expect(html.body).toContain('Version 2, gültig ab 03.12.2026');
    expect(html.body).toContain('Waren: 45 Tage ab Lieferung');
    expect(html.body).not.toContain('30 Tage ab Lieferung');
    const byQuery = await publicHtml('?lang=en');
    expect(byQuery.body).toContain('<html lang="en">');
    expect(byQuery.body).toContain('Physical goods: 45 days from delivery');
    const unknown = await publicHtml('?lang=fr', { 'accept-language': 'en' });
    expect(unknown.statusCode).toBe(200);
    expect(unknown.body).toContain('<html lang="en">');
    const byHeader = await publicHtml('', { 'accept-language': 'en-GB,en;q=0.9' });
    expect(byHeader.body).toContain('Version 2, effective');
    expect(byHeader.body).toContain('45 days from delivery');
  });

  it('keeps a future-dated version off the public page until its day, and refuses an earlier one after it', async () => {
    const saved = await save(withPhysicalDays((await view()).newest.document, 60), 2);
    const res = await publish('2026-12-10', saved.body.draft!.updatedAt);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.newest.version).toBe(3);
    expect(res.body.inForce.version).toBe(2);
    expect((await publicHtml('')).body).toContain('Waren: 45 Tage');
    expect((await t.anonymous().get('/api/policy?lang=de')).body.version).toBe(2);

    // a version after v3 may not take effect before v3 does
    const next = await save((await view()).newest.document, 3);
    const early = await publish('2026-12-05', next.body.draft!.updatedAt);
    expect(early.status).toBe(400);
    expect(early.body).toMatchObject({ code: 'POLICY_EFFECTIVE_DATE_TOO_EARLY', earliest: '2026-12-10' });
    await admin.delete('/api/admin/policy/draft');

    // 10 December has begun in Berlin (23:30 UTC on the 9th)
    t.clock.set('2026-12-09T23:30:00Z');
    // the sessions of a week ago have expired
    [agent, lead, admin] = await Promise.all([t.login('agent'), t.login('lead'), t.login('admin')]);
    const page = await publicHtml('');
    expect(page.body).toContain('Version 3, gültig ab 10.12.2026');
    expect(page.body).toContain('Waren: 60 Tage ab Lieferung');
    expect((await view()).inForce.version).toBe(3);
  });

  it('refuses to publish or save a draft based on an older version than the newest ("rebase")', async () => {
    const newest = (await view()).newest;
    const saved = await save(withPhysicalDays(newest.document, 35), newest.version);
    const token = saved.body.draft!.updatedAt;
    // a version published outside the editor (a restore by the operator) overtakes the draft
    const version = newest.version + 1;
    await t.db
      .insertInto('policy_versions')
      .values({
        version,
        effective_from: '2026-12-20',
        document: JSON.stringify({ ...newest.document, version, effectiveFrom: '2026-12-20' }),
        published_at: new Date(),
      })
      .execute();
    const v = await view();
    expect(v.draft).toMatchObject({ basedOn: newest.version, version: version + 1, outdated: true });
    const refused = await publish('2026-12-20', token);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('POLICY_DRAFT_OUTDATED');
    const oldBase = await save(v.draft!.document, newest.version, token);
    expect(oldBase.body.code).toBe('POLICY_DRAFT_OUTDATED');
    // saved again on the newest version, it is rebased and can be published
    const rebased = await save(v.draft!.document, version, token);
    expect(rebased.status, JSON.stringify(rebased.body)).toBe(200);
    expect(rebased.body.draft).toMatchObject({ basedOn: version, outdated: false });
    const published = await publish('2026-12-20', rebased.body.draft!.updatedAt);
    expect(published.status, JSON.stringify(published.body)).toBe(201);
    expect(published.body.newest.version).toBe(version + 1);
  });

  it('publishes exactly one version when 20 admins publish the same draft at once', async () => {
    const newest = (await view()).newest;
    const saved = await save(withPhysicalDays(newest.document, 21), newest.version);
    const token = saved.body.draft!.updatedAt;
    const results = await Promise.all(Array.from({ length: 20 }, () => publish('2026-12-24', token)));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([201, ...Array<number>(19).fill(409)]);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.code === 'POLICY_DRAFT_STALE')).toBe(
      true,
    );
    const after = await view();
    expect(after.newest.version).toBe(newest.version + 1);
    expect(after.versions).toHaveLength(newest.version + 1);
    expect(
      (await auditOf('policy.published')).filter((e) => e.entity_id === String(newest.version + 1)),
    ).toHaveLength(1);
  });

  it('lets only admins see and change the policy; the public page needs no login', async () => {
    for (const client of [agent, lead]) {
      expect((await client.get('/api/admin/policy')).status).toBe(403);
      expect((await client.put('/api/admin/policy/draft?basedOn=1', {})).status).toBe(403);
      expect((await client.delete('/api/admin/policy/draft')).status).toBe(403);
      expect((await client.post('/api/admin/policy/publish', {})).status).toBe(403);
    }
    expect((await t.anonymous().get('/api/admin/policy')).status).toBe(401);
    expect((await t.anonymous().get('/api/policy')).status).toBe(200);
    expect((await publicHtml('')).statusCode).toBe(200);
  });
});
