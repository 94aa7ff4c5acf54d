import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addSubscription,
  countAuditEvents,
  createAccountWithCase,
  markVerified,
} from '../../../test/factories';
import { startDesk, type TestApp, type TestClient } from '../../../test/harness';
import { addDays, DAY, HOUR } from '../../platform/clock';
import { resumeSubscription } from '../billing';
import { checkSave, SAVE_CHECK_JOB } from './index';

// Retention offers through the API: the admin's definitions (validated, audited, admins only),
// eligibility and holdout on a verified case, answers applied through billing, the redemption
// limit under twenty parallel accepts, and the save watch that counts a save only 30 days later.

let t: TestApp;
let agent: TestClient;
let lead: TestClient;
let admin: TestClient;

const NOW = '2026-05-04T09:00:00Z';

beforeAll(async () => {
  ({ t, agent, lead, admin } = await startDesk({ now: NOW }));
  // the demo offers are switched off so that each test sees only the offers it defines
  await t.db.updateTable('retention_offers').set({ is_active: false }).execute();
});
afterAll(async () => {
  await t.close();
});

let unique = 0;
/** An offer only this test's reason and plan reach: eligibility names a reason the test then uses. */
async function defineOffer(body: Record<string, unknown>) {
  const res = await admin.post('/api/admin/offers', {
    title: { de: `Angebot ${++unique}`, en: `Offer ${unique}` },
    ...body,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; position: number; redemptions: number };
}

/** A verified case on an account with an active annual subscription (the first plan, BASIC-J, started 400 days ago). */
async function verifiedCase(verification: Parameters<typeof markVerified>[2] = {}) {
  const { account, kase } = await createAccountWithCase(t);
  await markVerified(t, kase.id, verification);
  const { id: subscriptionId, plan } = await addSubscription(t, account.id);
  return { accountId: account.id, caseId: kase.id, subscriptionId, plan };
}

type Case = Awaited<ReturnType<typeof verifiedCase>>;
const present = (c: Case, reasonCode: string, client = agent) =>
  client.post(`/api/cases/${c.caseId}/offers/present`, { subscriptionId: c.subscriptionId, reasonCode });
const respond = (c: Case, offerId: string, response: 'accepted' | 'declined', client = agent) =>
  client.post(`/api/cases/${c.caseId}/offers/${offerId}/respond`, {
    subscriptionId: c.subscriptionId,
    response,
  });
const subscriptionOf = (id: string) =>
  t.db.selectFrom('subscriptions').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const offersNow = async () => (await admin.get('/api/admin/offers')).body;
const eventsOf = (caseId: string) =>
  t.db.selectFrom('offer_events').selectAll().where('case_id', '=', caseId).orderBy('id').execute();

/** Deactivates every offer but these, so a test's eligibility is its own. */
async function onlyActive(...ids: string[]) {
  await t.db.updateTable('retention_offers').set({ is_active: false }).where('id', 'not in', ids).execute();
}

describe('admin: offers defined, validated, ordered', () => {
  it('creates each kind, lists them in order with the reasons, updates, reorders, audited', async () => {
    const before = await countAuditEvents(t);
    const a = await defineOffer({ terms: { kind: 'pause', months: 2 } });
    const b = await defineOffer({
      terms: { kind: 'discount', percent: 20, cycles: 3 },
      eligibility: { reasons: ['too_expensive'], minTenureDays: 90 },
    });
    const c = await defineOffer({ terms: { kind: 'downgrade', planCode: 'BASIC-M' }, maxRedemptions: 5 });
    const d = await defineOffer({ terms: { kind: 'extension', days: 14 } });
    const e = await defineOffer({
      terms: { kind: 'custom', text: { de: 'Ein Gratis-Workshop', en: 'A free workshop' } },
    });
    expect(await countAuditEvents(t)).toBe(before + 5);
    const list = await offersNow();
    const ids = list.items.map((o: { id: string }) => o.id);
    expect(ids.slice(-5)).toEqual([a.id, b.id, c.id, d.id, e.id]);
    expect(list.reasons.map((r: { code: string }) => r.code)).toContain('switching_competitor');
    expect(list.holdout.percent).toBe(0);

    const updated = await admin.put(`/api/admin/offers/${b.id}`, {
      title: { de: '25 % Rabatt', en: '25% off' },
      terms: { kind: 'discount', percent: 25, cycles: 2 },
      eligibility: { reasons: ['too_expensive'] },
      active: false,
    });
    expect(updated.status, JSON.stringify(updated.body)).toBe(200);
    expect(updated.body).toMatchObject({
      title: { de: '25 % Rabatt' },
      terms: { percent: 25 },
      active: false,
    });

    const reordered = await admin.post('/api/admin/offers/reorder', { ids: [...ids].reverse() });
    expect(reordered.status, JSON.stringify(reordered.body)).toBe(200);
    expect(reordered.body.items.map((o: { id: string }) => o.id)).toEqual([...ids].reverse());
    const audits = await t.db
      .selectFrom('audit_events')
      .select('action')
      .where('entity_type', '=', 'retention_offer')
      .execute();
    expect(audits.map((x) => x.action)).toEqual(
      expect.arrayContaining(['offer.created', 'offer.updated', 'offer.reordered']),
    );
  });

  it('refuses bad definitions with a 4xx naming the field, changes nothing, audits nothing', async () => {
    const existing = await defineOffer({ terms: { kind: 'extension', days: 7 } });
    const bad: Array<[string, () => Promise<{ status: number; body: any }>, number, string]> = [
      [
        'pause of 4 months',
        () =>
          admin.post('/api/admin/offers', {
            title: { de: 'x', en: 'x' },
            terms: { kind: 'pause', months: 4 },
          }),
        400,
        'body.terms.months',
      ],
      [
        'discount of 0 %',
        () =>
          admin.post('/api/admin/offers', {
            title: { de: 'x', en: 'x' },
            terms: { kind: 'discount', percent: 0, cycles: 1 },
          }),
        400,
        'body.terms.percent',
      ],
      [
        'no English title',
        () => admin.post('/api/admin/offers', { title: { de: 'x' }, terms: { kind: 'extension', days: 3 } }),
        400,
        'body.title.en',
      ],
      [
        'unknown kind',
        () => admin.post('/api/admin/offers', { title: { de: 'x', en: 'x' }, terms: { kind: 'cashback' } }),
        400,
        'body.terms.kind',
      ],
      [
        'unknown reason',
        () =>
          admin.post('/api/admin/offers', {
            title: { de: 'x', en: 'x' },
            terms: { kind: 'extension', days: 3 },
            eligibility: { reasons: ['bored'] },
          }),
        400,
        'body.eligibility.reasons.0',
      ],
      [
        'max tenure below min',
        () =>
          admin.post('/api/admin/offers', {
            title: { de: 'x', en: 'x' },
            terms: { kind: 'extension', days: 3 },
            eligibility: { minTenureDays: 100, maxTenureDays: 10 },
          }),
        400,
        'body.eligibility.maxTenureDays',
      ],
      [
        'downgrade to no plan',
        () =>
          admin.post('/api/admin/offers', {
            title: { de: 'x', en: 'x' },
            terms: { kind: 'downgrade', planCode: 'GOLD-X' },
          }),
        404,
        'body.terms.planCode',
      ],
      [
        'update of no offer',
        () =>
          admin.put('/api/admin/offers/ofr_nope', {
            title: { de: 'x', en: 'x' },
            terms: { kind: 'extension', days: 3 },
          }),
        404,
        'params.id',
      ],
      [
        'reorder missing one',
        () => admin.post('/api/admin/offers/reorder', { ids: [existing.id] }),
        400,
        'body.ids',
      ],
      [
        'holdout over 50 %',
        () => admin.put('/api/admin/offers/holdout', { percent: 80 }),
        400,
        'body.percent',
      ],
    ];
    const before = await countAuditEvents(t);
    const offersBefore = JSON.stringify(await offersNow());
    for (const [what, send, status, field] of bad) {
      const res = await send();
      expect(res.status, `${what}: ${JSON.stringify(res.body)}`).toBe(status);
      const fields = [res.body.field, ...(res.body.errors ?? []).map((e: { field: string }) => e.field)];
      expect(fields, what).toContain(field);
    }
    expect(await countAuditEvents(t)).toBe(before);
    expect(JSON.stringify(await offersNow())).toBe(offersBefore);
  });

  it('lets only admins define offers, and only leads and admins read the stats', async () => {
    for (const client of [agent, lead]) {
      expect((await client.get('/api/admin/offers')).status).toBe(403);
      const res = await client.post('/api/admin/offers', {
        title: { de: 'x', en: 'x' },
        terms: { kind: 'extension', days: 3 },
      });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('FORBIDDEN');
      expect((await client.put('/api/admin/offers/holdout', { percent: 10 })).status).toBe(403);
    }
    expect((await agent.get('/api/offers/stats')).status).toBe(403);
    expect((await lead.get('/api/offers/stats')).status).toBe(200);
  });
});

describe('presenting and answering on a case', () => {
  it('is refused without verification, and for a representative who may not cancel', async () => {
    const { account, kase } = await createAccountWithCase(t);
    const { id: subscriptionId } = await addSubscription(t, account.id);
    const c = { accountId: account.id, caseId: kase.id, subscriptionId, plan: null as never };
    const before = await countAuditEvents(t);
    const unverified = await present(c, 'too_expensive');
    expect(unverified.status).toBe(409);
    expect(unverified.body.code).toBe('VERIFICATION_REQUIRED');
    await markVerified(t, kase.id, { subjectType: 'representative', canCancel: false });
    const rep = await present(c, 'too_expensive');
    expect(rep.status).toBe(403);
    expect(rep.body.code).toBe('REPRESENTATIVE_SCOPE_MISSING');
    expect(await countAuditEvents(t)).toBe(before);
    expect(await eventsOf(kase.id)).toHaveLength(0);
  });

  it('shows only eligible offers, best first, each with why; records them; a decline ends the offers', async () => {
    const first = await defineOffer({
      terms: { kind: 'extension', days: 10 },
      eligibility: { reasons: ['poor_support'] },
    });
    const notForPlan = await defineOffer({
      terms: { kind: 'extension', days: 20 },
      eligibility: { plans: ['PREMIUM-M'] },
    });
    const tooNew = await defineOffer({
      terms: { kind: 'extension', days: 30 },
      eligibility: { minTenureDays: 500 },
    });
    const second = await defineOffer({
      terms: { kind: 'pause', months: 1 },
      eligibility: { maxTenureDays: 500 },
    });
    const otherReason = await defineOffer({
      terms: { kind: 'pause', months: 3 },
      eligibility: { reasons: ['temporary'] },
    });
    await onlyActive(first.id, notForPlan.id, tooNew.id, second.id, otherReason.id);
    const c = await verifiedCase();
    const res = await present(c, 'poor_support');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.holdout).toBe(false);
    expect(res.body.offers.map((o: { offerId: string }) => o.offerId)).toEqual([first.id, second.id]);
    const [ext, pause] = res.body.offers;
    expect(ext.why.de).toMatch(
      /^Sie sind seit 1 Jahr Kunde \(Tarif Basis jährlich\); Ihr Grund: schlechter Support/,
    );
    expect(ext.why.en).toMatch(/10 free days\.$/);
    expect(pause.terms).toEqual({ kind: 'pause', months: 1, resumeOn: '2026-06-04' });
    expect((await eventsOf(c.caseId)).map((e) => [e.event, e.offer_id])).toEqual([
      ['shown', first.id],
      ['shown', second.id],
    ]);

    const notShown = await respond(c, otherReason.id, 'accepted');
    expect(notShown.status).toBe(409);
    expect(notShown.body.code).toBe('OFFER_NOT_SHOWN');
    const declined = await respond(c, first.id, 'declined');
    expect(declined.status, JSON.stringify(declined.body)).toBe(200);
    expect(declined.body.outcome).toBe('declined');
    const after = await respond(c, second.id, 'accepted');
    expect(after.status).toBe(409);
    expect(after.body.code).toBe('OFFERS_ENDED');
    const again = await present(c, 'poor_support');
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ holdout: false, offers: [] });
    expect((await subscriptionOf(c.subscriptionId)).status).toBe('active');
    const listed = await agent.get(`/api/cases/${c.caseId}/offers`);
    expect(listed.body.ended).toBe(true);
    expect(listed.body.items.map((i: { event: string }) => i.event)).toEqual(['shown', 'shown', 'declined']);
  });

  it('refuses a subscription of another account', async () => {
    const c = await verifiedCase();
    const other = await verifiedCase();
    const res = await present({ ...c, subscriptionId: other.subscriptionId }, 'other');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'OFFER_SUBSCRIPTION_MISMATCH', field: 'body.subscriptionId' });
  });
});

describe('accepting changes the subscription through billing', () => {
  let lastWhy = { de: '', en: '' };
  async function acceptOnly(terms: Record<string, unknown>) {
    const offer = await defineOffer({ terms, eligibility: { reasons: ['only_trying'] } });
    await onlyActive(offer.id);
    const c = await verifiedCase();
    const shown = await present(c, 'only_trying');
    expect(shown.body.offers.map((o: { offerId: string }) => o.offerId)).toEqual([offer.id]);
    lastWhy = shown.body.offers[0].why;
    const before = await subscriptionOf(c.subscriptionId);
    const res = await respond(c, offer.id, 'accepted');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.outcome).toBe('retained');
    return { c, offer, before, after: await subscriptionOf(c.subscriptionId) };
  }

  it('pause: paused until the resume date, the period moved by the pause; resumes on the date; the save counts then', async () => {
    const { c, before, after } = await acceptOnly({ kind: 'pause', months: 2 });
    expect(after.status).toBe('paused');
    expect(after.paused_until).toBe('2026-07-04');
    const pauseDays = 61;
    expect(after.current_period_end).toBe(addDays(before.current_period_end, pauseDays));
    expect(after.next_renewal_on).toBe(addDays(before.next_renewal_on!, pauseDays));
    const watch = await t.db
      .selectFrom('offer_save_watches')
      .selectAll()
      .where('case_id', '=', c.caseId)
      .executeTakeFirstOrThrow();
    expect(watch.kind).toBe('pause');

    const deps = t.systemDeps();
    t.clock.set('2026-07-03T12:00:00Z');
    expect(await resumeSubscription(deps, { subscriptionId: c.subscriptionId })).toBe('not_due');
    t.clock.set('2026-07-04T02:00:00Z'); // 04:00 in Berlin on the resume date
    expect(await checkSave(deps, { watchId: watch.id })).toBe('postponed'); // still paused: not yet a save
    expect(await resumeSubscription(deps, { subscriptionId: c.subscriptionId })).toBe('resumed');
    expect((await subscriptionOf(c.subscriptionId)).status).toBe('active');
    t.clock.set('2026-07-05T03:00:00Z');
    expect(await checkSave(deps, { watchId: watch.id })).toBe('confirmed');
    t.clock.set(NOW);
  });

  it('downgrade: the plan and its price change now', async () => {
    const { after, before } = await acceptOnly({ kind: 'downgrade', planCode: 'BASIC-M' });
    const basic = await t.db
      .selectFrom('plans')
      .selectAll()
      .where('code', '=', 'BASIC-M')
      .executeTakeFirstOrThrow();
    expect(before.plan_id).not.toBe(basic.id);
    expect(after.plan_id).toBe(basic.id);
    expect(after.price_minor).toBe(basic.price_minor);
    expect(after.cycle).toBe('monthly');
    expect(lastWhy.de).toMatch(/daher der günstigere Tarif Basis monatlich\.$/);
  });

  it('does not show a downgrade to a plan that is no longer sold', async () => {
    const offer = await defineOffer({
      terms: { kind: 'downgrade', planCode: 'PLUS-M' },
      eligibility: { reasons: ['only_trying'] },
    });
    await onlyActive(offer.id);
    await t.db.updateTable('plans').set({ is_active: false }).where('code', '=', 'PLUS-M').execute();
    try {
      const c = await verifiedCase();
      expect((await present(c, 'only_trying')).body.offers).toEqual([]);
    } finally {
      await t.db.updateTable('plans').set({ is_active: true }).where('code', '=', 'PLUS-M').execute();
    }
  });

  it('discount: stored on the subscription for the renewal job', async () => {
    const { after } = await acceptOnly({ kind: 'discount', percent: 20, cycles: 3 });
    expect(after).toMatchObject({ discount_percent: 20, discount_cycles_left: 3, status: 'active' });
  });

  it('extension: the period end and the next renewal move by the free days', async () => {
    const { after, before } = await acceptOnly({ kind: 'extension', days: 14 });
    expect(after.current_period_end).toBe(addDays(before.current_period_end, 14));
    expect(after.next_renewal_on).toBe(addDays(before.next_renewal_on!, 14));
  });

  it('an accept that billing refuses (the subscription is ending) changes nothing and keeps the redemption', async () => {
    const offer = await defineOffer({
      terms: { kind: 'extension', days: 5 },
      eligibility: { reasons: ['life_change'] },
      maxRedemptions: 1,
    });
    await onlyActive(offer.id);
    const c = await verifiedCase();
    await present(c, 'life_change');
    await t.db
      .updateTable('subscriptions')
      .set({ status: 'pending_cancellation' })
      .where('id', '=', c.subscriptionId)
      .execute();
    const res = await respond(c, offer.id, 'accepted');
    expect(res.status, JSON.stringify(res.body)).toBe(409);
    expect(res.body).toMatchObject({ code: 'SUBSCRIPTION_NOT_CHANGEABLE', field: 'body.subscriptionId' });
    const row = await t.db
      .selectFrom('retention_offers')
      .select('redemptions')
      .where('id', '=', offer.id)
      .executeTakeFirstOrThrow();
    expect(row.redemptions).toBe(0);
    expect((await eventsOf(c.caseId)).map((e) => e.event)).toEqual(['shown']);
  });
});

describe('limits under concurrency', () => {
  it('twenty parallel accepts of an offer with one redemption left: exactly one is retained, the rest a 409', async () => {
    const offer = await defineOffer({
      terms: { kind: 'discount', percent: 10, cycles: 1 },
      eligibility: { reasons: ['switching_competitor'] },
      maxRedemptions: 1,
    });
    await onlyActive(offer.id);
    const cases: Case[] = [];
    for (let i = 0; i < 20; i++) {
      const c = await verifiedCase();
      const shown = await present(c, 'switching_competitor');
      expect(shown.body.offers).toHaveLength(1);
      cases.push(c);
    }
    const answers = await Promise.all(cases.map((c) => respond(c, offer.id, 'accepted')));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    for (const a of answers.filter((x) => x.status === 409))
      expect(a.body.code).toBe('OFFER_REDEMPTIONS_EXHAUSTED');
    const row = await t.db
      .selectFrom('retention_offers')
      .select('redemptions')
      .where('id', '=', offer.id)
      .executeTakeFirstOrThrow();
    expect(row.redemptions).toBe(1);
    const accepted = await t.db
      .selectFrom('offer_events')
      .select('case_id')
      .where('offer_id', '=', offer.id)
      .where('event', '=', 'accepted')
      .execute();
    expect(accepted).toHaveLength(1);
    const discounted = await t.db
      .selectFrom('subscriptions')
      .select('id')
      .where(
        'id',
        'in',
        cases.map((c) => c.subscriptionId),
      )
      .where('discount_percent', 'is not', null)
      .execute();
    expect(discounted).toHaveLength(1);
    // now used up, it is no longer shown
    const late = await verifiedCase();
    expect((await present(late, 'switching_competitor')).body.offers).toHaveLength(0);
  });

  it('twenty parallel answers on one case: one is taken, the rest OFFERS_ENDED', async () => {
    const offer = await defineOffer({
      terms: { kind: 'extension', days: 3 },
      eligibility: { reasons: ['missing_features'] },
    });
    await onlyActive(offer.id);
    const c = await verifiedCase();
    await present(c, 'missing_features');
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => respond(c, offer.id, i % 2 ? 'declined' : 'accepted')),
    );
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    for (const a of answers.filter((x) => x.status !== 200))
      expect([a.status, a.body.code]).toEqual([409, 'OFFERS_ENDED']);
    expect((await eventsOf(c.caseId)).filter((e) => e.event !== 'shown')).toHaveLength(1);
  });

  it('an account that accepted an offer does not get it again within the window', async () => {
    const offer = await defineOffer({
      terms: { kind: 'extension', days: 4 },
      eligibility: { reasons: ['other'], notRedeemedWithinMonths: 12 },
    });
    await onlyActive(offer.id);
    const c = await verifiedCase();
    await present(c, 'other');
    expect((await respond(c, offer.id, 'accepted')).status).toBe(200);
    const { createCase } = await import('../../../test/factories');
    const second = await createCase(t, c.accountId);
    await markVerified(t, second.id);
    const again = await present({ ...c, caseId: second.id }, 'other');
    expect(again.body.offers).toHaveLength(0);
  });
});

describe('saves that are real', () => {
  it('counts a save 30 days later, not one cancelled meanwhile; the job is due at +30 days; stats show both', async () => {
    const offer = await defineOffer({
      terms: { kind: 'discount', percent: 15, cycles: 2 },
      eligibility: { reasons: ['not_using'] },
    });
    await onlyActive(offer.id);
    const kept = await verifiedCase();
    const gone = await verifiedCase();
    for (const c of [kept, gone]) {
      await present(c, 'not_using');
      expect((await respond(c, offer.id, 'accepted')).body.outcome).toBe('retained');
    }
    const watches = await t.db
      .selectFrom('offer_save_watches')
      .selectAll()
      .where('offer_id', '=', offer.id)
      .orderBy('created_at')
      .execute();
    expect(watches).toHaveLength(2);
    const keptWatch = watches.find((w) => w.case_id === kept.caseId)!;
    const goneWatch = watches.find((w) => w.case_id === gone.caseId)!;
    expect(keptWatch.check_at.getTime()).toBe(new Date(NOW).getTime() + 30 * DAY);
    const jobs = await sql<{ start_after: Date }>`
      select start_after from pgboss.job where name = ${SAVE_CHECK_JOB} and data->>'watchId' = ${keptWatch.id}`.execute(
      t.db,
    );
    expect(jobs.rows).toHaveLength(1);
    expect(new Date(jobs.rows[0]!.start_after).getTime()).toBe(keptWatch.check_at.getTime());

    // the customer cancels anyway a week later (the cancellation flow, simulated on the row)
    await t.db
      .updateTable('subscriptions')
      .set({ status: 'cancelled' })
      .where('id', '=', gone.subscriptionId)
      .execute();
    const deps = t.systemDeps();
    t.clock.set(new Date(new Date(NOW).getTime() + 29 * DAY));
    expect(await checkSave(deps, { watchId: keptWatch.id })).toBe('not_due');
    t.clock.set(NOW); // the staff session lives in the present
    let stats = (await lead.get('/api/offers/stats')).body;
    expect(stats.offers.find((o: { offerId: string }) => o.offerId === offer.id)).toMatchObject({
      shown: 2,
      accepted: 2,
      savesPending: 2,
      savesConfirmed: 0,
    });
    t.clock.set(new Date(new Date(NOW).getTime() + 30 * DAY + HOUR));
    expect(await checkSave(deps, { watchId: keptWatch.id })).toBe('confirmed');
    expect(await checkSave(deps, { watchId: goneWatch.id })).toBe('lost');
    expect(await checkSave(deps, { watchId: keptWatch.id })).toBe('decided_already');
    t.clock.set(NOW);
    stats = (await lead.get('/api/offers/stats')).body;
    expect(stats.offers.find((o: { offerId: string }) => o.offerId === offer.id)).toMatchObject({
      shown: 2,
      accepted: 2,
      declined: 0,
      savesConfirmed: 1,
      savesPending: 0,
      savesLost: 1,
      saveRate: 0.5,
    });
  });
});

describe('holdout', () => {
  it('holds out about the configured share, stable per account; held-out cases are watched for the comparison', async () => {
    const offer = await defineOffer({
      terms: { kind: 'extension', days: 2 },
      eligibility: { reasons: ['technical_problems'] },
    });
    await onlyActive(offer.id);
    const set = await admin.put('/api/admin/offers/holdout', { percent: 50, salt: 'test-experiment' });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body.holdout).toEqual({ percent: 50, salt: 'test-experiment' });
    const results: Array<{ c: Case; holdout: boolean }> = [];
    for (let i = 0; i < 24; i++) {
      const c = await verifiedCase();
      const res = await present(c, 'technical_problems');
      expect(res.status).toBe(200);
      expect(res.body.offers).toHaveLength(res.body.holdout ? 0 : 1);
      results.push({ c, holdout: res.body.holdout });
    }
    const held = results.filter((r) => r.holdout);
    expect(held.length).toBeGreaterThan(3);
    expect(held.length).toBeLessThan(21);
    // the same account on a new case gets the same assignment
    const { createCase } = await import('../../../test/factories');
    for (const r of results.slice(0, 6)) {
      const again = await createCase(t, r.c.accountId);
      await markVerified(t, again.id);
      const res = await present({ ...r.c, caseId: again.id }, 'technical_problems');
      expect(res.body.holdout).toBe(r.holdout);
    }
    const h = held[0]!;
    expect((await eventsOf(h.c.caseId)).map((e) => [e.event, e.holdout])).toEqual([['holdout', true]]);
    const watch = await t.db
      .selectFrom('offer_save_watches')
      .selectAll()
      .where('case_id', '=', h.c.caseId)
      .executeTakeFirstOrThrow();
    expect(watch.holdout).toBe(true);
    t.clock.set(new Date(new Date(NOW).getTime() + 31 * DAY));
    expect(await checkSave(t.systemDeps(), { watchId: watch.id })).toBe('confirmed');
    t.clock.set(NOW);
    const stats = (await lead.get('/api/offers/stats')).body;
    expect(stats.holdout.percent).toBe(50);
    expect(stats.holdout.cases).toBeGreaterThanOrEqual(held.length);
    expect(stats.holdout.retained).toBe(1);
    expect(stats.holdout.retentionRate).toBe(1);
    await admin.put('/api/admin/offers/holdout', { percent: 0 });
  });
});
