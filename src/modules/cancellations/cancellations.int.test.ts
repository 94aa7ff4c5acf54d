import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countAuditEvents, createAccountWithCase, markVerified } from '../../../test/factories';
import { startDesk, type TestApp, type TestClient } from '../../../test/harness';
import { startSmtpSink } from '../../../test/smtp-sink';
import { insightEventsDrift } from '../../db/migrations/0026-insight-events';
import { businessDate, DAY } from '../../platform/clock';
import { newId } from '../../platform/ids';
import { openJobs } from '../../platform/jobs';
import { applyEndOfTerm, END_OF_TERM_JOB, renewDueSubscriptions } from '../billing';
import { createDeliveryWorker, type MailTransport, smtpTransport as openSmtp } from '../messaging';

// The cancellation desk through the API: seed 000's steps on a verified case in the server's
// order, the refund the policy gives on cancelling, processing exactly once, the end-of-term job,
// renewals that skip what is cancelled, and the confirmation e-mail.

/** The accounts this file's requests are on, for the check of the dashboard's table at the end. */
const accountsHere: string[] = [];
let t: TestApp;
let agent: TestClient;
let lead: TestClient;
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
const transports: MailTransport[] = [];

const NOW = '2026-05-04T09:00:00Z';
const NBSP = '\u00a0';

beforeAll(async () => {
  ({ t, agent, lead } = await startDesk({ now: NOW }));
  sink = await startSmtpSink();
});
afterAll(async () => {
  for (const transport of transports) transport.close();
  await sink.close();
  await t.close();
});

interface SubscribedInput {
  language?: 'de' | 'en';
  planCode?: string;
  /** Days since signup (the first payment was then). */
  startedDaysAgo: number;
  period: { start: string; end: string };
  /** The current period was paid by a renewal (not the first payment). */
  renewed?: boolean;
  status?: 'active' | 'paused' | 'pending_cancellation' | 'cancelled';
  verified?: boolean;
}

/** An account with a case and one subscription to `planCode`, paid for its current period. */
async function subscribed(input: SubscribedInput) {
  const { account, kase } = await createAccountWithCase(t, { language: input.language ?? 'de' });
  accountsHere.push(account.id);
  if (input.verified ?? true) await markVerified(t, kase.id);
  const plan = await t.db
    .selectFrom('plans')
    .selectAll()
    .where('code', '=', input.planCode ?? 'PLUS-J')
    .executeTakeFirstOrThrow();
  const now = t.clock.now();
  const startedAt = new Date(now.getTime() - input.startedDaysAgo * DAY);
  const subscriptionId = newId('sub', now);
  await t.db
    .insertInto('subscriptions')
    .values({
      id: subscriptionId,
      account_id: account.id,
      plan_id: plan.id,
      status: input.status ?? 'active',
      price_minor: plan.price_minor,
      cycle: plan.cycle,
      started_at: startedAt,
      current_period_start: input.period.start,
      current_period_end: input.period.end,
      next_renewal_on:
        input.status === 'cancelled' || input.status === 'pending_cancellation' ? null : input.period.end,
      cancel_effective_on: input.status === 'pending_cancellation' ? input.period.end : null,
      cancelled_at: null,
      paused_until: input.status === 'paused' ? input.period.end : null,
      created_at: startedAt,
    })
    .execute();
  const pay = async (paidAt: Date) => {
    const id = newId('pay', paidAt);
    await t.db
      .insertInto('payments')
      .values({
        id,
        account_id: account.id,
        invoice_id: null,
        order_id: null,
        subscription_id: subscriptionId,
        amount_minor: plan.price_minor,
        method: 'card',
        status: 'succeeded',
        provider_ref: null,
        paid_at: paidAt,
      })
      .execute();
    return id;
  };
  let paymentId = await pay(startedAt);
  if (input.renewed) paymentId = await pay(new Date(`${input.period.start}T08:00:00Z`));
  return { account, caseId: kase.id, caseNumber: kase.caseNumber, subscriptionId, paymentId, plan };
}

type Sub = Awaited<ReturnType<typeof subscribed>>;

const start = (
  client: TestClient,
  s: Pick<Sub, 'caseId' | 'subscriptionId'>,
  body: Record<string, unknown> = {},
  headers?: Record<string, string>,
) =>
  client.post(
    `/api/cases/${s.caseId}/cancellations`,
    {
      subscriptionId: s.subscriptionId,
      reasonCode: 'too_expensive',
      customerWords: 'Das ist mir zu teuer geworden.',
      ...body,
    },
    headers,
  );

/** Starts a cancellation and walks it through review, explanation and a declined offer, ready to process. */
async function readyToProcess(s: Sub, effective: 'period_end' | 'immediate', by: TestClient = agent) {
  const started = await start(by, s);
  expect(started.status, JSON.stringify(started.body)).toBe(201);
  const id = started.body.id as string;
  const reviewed = await by.post(`/api/cancellations/${id}/review`, { balanceDiscussed: false });
  expect(reviewed.status, JSON.stringify(reviewed.body)).toBe(200);
  const explained = await by.post(`/api/cancellations/${id}/explain`, { effective });
  expect(explained.status, JSON.stringify(explained.body)).toBe(200);
  const offers = await by.post(`/api/cancellations/${id}/offers`, {});
  expect(offers.status, JSON.stringify(offers.body)).toBe(200);
  // the demo's retention offers apply to some plans and reasons: the customer says no to them
  if ((offers.body.presented ?? []).length > 0) {
    const declined = await by.post(`/api/cancellations/${id}/offers/response`, { response: 'declined' });
    expect(declined.status, JSON.stringify(declined.body)).toBe(200);
  }
  return { id, explained: explained.body, offers: offers.body };
}

const subscriptionOf = (id: string) =>
  t.db.selectFrom('subscriptions').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const refundsOf = (paymentId: string) =>
  t.db.selectFrom('payment_refunds').selectAll().where('payment_id', '=', paymentId).execute();
const auditsOf = (entityId: string, action: string) =>
  t.db
    .selectFrom('audit_events')
    .selectAll()
    .where('entity_id', '=', entityId)
    .where('action', '=', action)
    .execute();
const cancellationRows = (subscriptionId: string) =>
  t.db
    .selectFrom('cancellation_requests')
    .selectAll()
    .where('subscription_id', '=', subscriptionId)
    .execute();

async function deliver() {
  const transport = openSmtp(sink.url);
  transports.push(transport);
  await createDeliveryWorker({ db: t.db, clock: t.clock, transport }).runOnce();
}

describe('the reason taxonomy', () => {
  it('lists the default reasons as a versioned tree in German and English', async () => {
    const res = await agent.get('/api/cancellation-reasons');
    expect(res.status).toBe(200);
    const leaves = res.body.items.flatMap(
      (g: { selectable: boolean; code: string; children: { code: string }[] }) =>
        g.selectable ? [g.code, ...g.children.map((c) => c.code)] : g.children.map((c) => c.code),
    );
    expect(leaves.sort()).toEqual(
      [
        'competitor',
        'life_change',
        'missing_features',
        'not_using',
        'other',
        'poor_support',
        'technical_problems',
        'temporary',
        'too_expensive',
        'trial_only',
      ].sort(),
    );
    const competitor = res.body.items.find((g: { code: string }) => g.code === 'competitor');
    expect(competitor).toMatchObject({
      version: 1,
      needsCompetitor: true,
      label: { de: 'Wechsel zu einem Mitbewerber' },
    });
  });

  it('keeps the label a request was recorded with when the label gets a new version', async () => {
    const s = await subscribed({
      startedDaysAgo: 400,
      period: { start: '2026-03-01', end: '2027-03-01' },
      renewed: true,
    });
    const first = await start(agent, s, { reasonCode: 'temporary' });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const admin = await t.login('admin');
    const renamed = await admin.put('/api/admin/cancellation-reasons/temporary', {
      labelDe: 'Saisonale Pause',
      labelEn: 'Seasonal break',
    });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    expect(renamed.body).toMatchObject({ code: 'temporary', version: 2, parentCode: 'circumstances' });
    const listed = await agent.get('/api/cancellation-reasons');
    const circumstances = listed.body.items.find((g: { code: string }) => g.code === 'circumstances');
    expect(circumstances.children.find((c: { code: string }) => c.code === 'temporary')).toMatchObject({
      version: 2,
      label: { en: 'Seasonal break' },
    });
    const again = await agent.get(`/api/cancellations/${first.body.id}`);
    expect(again.body.reason).toEqual({
      code: 'temporary',
      version: 1,
      label: { de: 'Vorübergehend / saisonal', en: 'Temporary / seasonal' },
    });
    await expect(
      t.db
        .updateTable('cancellation_reason_versions')
        .set({ label_en: 'x' })
        .where('code', '=', 'temporary')
        .execute(),
    ).rejects.toThrow(/append-only/);
  });
});

describe('the taxonomy in the admin’s hands', () => {
  it('adds a reason under a group, retires it, refuses a parent that is no group and anyone but an admin', async () => {
    const admin = await t.login('admin');
    const code = `seasonal_${Math.random().toString(36).slice(2, 8)}`;
    const forbidden = await agent.put(`/api/admin/cancellation-reasons/${code}`, {
      labelDe: 'x',
      labelEn: 'x',
    });
    expect(forbidden.status).toBe(403);
    const before = await countAuditEvents(t);
    const badParent = await admin.put(`/api/admin/cancellation-reasons/${code}`, {
      labelDe: 'Saison',
      labelEn: 'Season',
      parentCode: 'too_expensive',
    });
    expect(badParent.status).toBe(400);
    expect(badParent.body).toMatchObject({
      code: 'CANCELLATION_REASON_PARENT_INVALID',
      field: 'body.parentCode',
    });
    const badCode = await admin.put('/api/admin/cancellation-reasons/Not-A-Code', {
      labelDe: 'x',
      labelEn: 'x',
    });
    expect(badCode.status).toBe(400);
    expect(JSON.stringify(badCode.body)).toContain('params.code');
    expect(await countAuditEvents(t)).toBe(before);

    const added = await admin.put(`/api/admin/cancellation-reasons/${code}`, {
      labelDe: 'Saison vorbei',
      labelEn: 'Season over',
      parentCode: 'circumstances',
    });
    expect(added.body).toMatchObject({ version: 1, selectable: true, retired: false });
    const s = await subscribed({ startedDaysAgo: 400, period: { start: '2026-03-01', end: '2027-03-01' } });
    expect((await start(agent, s, { reasonCode: code })).status).toBe(201);
    await admin.put(`/api/admin/cancellation-reasons/${code}`, {
      labelDe: 'Saison vorbei',
      labelEn: 'Season over',
      retired: true,
    });
    const listed = await agent.get('/api/cancellation-reasons');
    expect(JSON.stringify(listed.body)).not.toContain(code);
    const other = await subscribed({
      startedDaysAgo: 400,
      period: { start: '2026-03-01', end: '2027-03-01' },
    });
    expect((await start(agent, other, { reasonCode: code })).body.code).toBe('CANCELLATION_REASON_UNKNOWN');
  });

  it('gives twenty admins renaming one reason at once twenty versions, none lost', async () => {
    const admin = await t.login('admin');
    const code = `rename_${Math.random().toString(36).slice(2, 8)}`;
    await admin.put(`/api/admin/cancellation-reasons/${code}`, { labelDe: 'v1', labelEn: 'v1' });
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        admin.put(`/api/admin/cancellation-reasons/${code}`, { labelDe: `de ${i}`, labelEn: `en ${i}` }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    expect(answers.map((a) => a.body.version).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 2),
    );
  });
});

describe('who may cancel', () => {
  it('refuses an unverified case with the guard’s error and records nothing', async () => {
    const s = await subscribed({
      startedDaysAgo: 400,
      period: { start: '2026-03-01', end: '2027-03-01' },
      verified: false,
    });
    const before = await countAuditEvents(t);
    const res = await start(agent, s);
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'VERIFICATION_REQUIRED', field: 'caseId' });
    expect(await countAuditEvents(t)).toBe(before);
    expect(await cancellationRows(s.subscriptionId)).toEqual([]);
  });

  it('refuses a representative who may not cancel, and lets one who may', async () => {
    const s = await subscribed({
      startedDaysAgo: 400,
      period: { start: '2026-03-01', end: '2027-03-01' },
      verified: false,
    });
    await markVerified(t, s.caseId, {
      subjectType: 'representative',
      canCancel: false,
      canRequestRefunds: true,
    });
    const before = await countAuditEvents(t);
    const refused = await start(agent, s);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('REPRESENTATIVE_SCOPE_MISSING');
    expect(await countAuditEvents(t)).toBe(before);
    expect(await cancellationRows(s.subscriptionId)).toEqual([]);
    await markVerified(t, s.caseId, {
      subjectType: 'representative',
      canCancel: true,
      canRequestRefunds: false,
    });
    expect((await start(agent, s)).status).toBe(201);
  });
});

describe('bad input', () => {
  it.each([
    [{ reasonCode: 'weather' }, 400, 'CANCELLATION_REASON_UNKNOWN', 'body.reasonCode'],
    [{ reasonCode: 'product' }, 400, 'CANCELLATION_REASON_UNKNOWN', 'body.reasonCode'],
    [{ reasonCode: 'competitor' }, 400, 'CANCELLATION_COMPETITOR_REQUIRED', 'body.competitor'],
    [{ customerWords: '' }, 400, 'VALIDATION_FAILED', 'body.customerWords'],
    [{ customerWords: 'a\u0000b' }, 400, 'VALIDATION_FAILED', 'body.customerWords'],
    [{ subscriptionId: 'sub_nope' }, 400, 'CANCELLATION_SUBSCRIPTION_NOT_ON_ACCOUNT', 'body.subscriptionId'],
    [{ subscriptionId: 42 }, 400, 'VALIDATION_FAILED', 'body.subscriptionId'],
  ])('refuses %j with %i %s naming %s, changing nothing', async (patch, status, code, field) => {
    const s = await subscribed({ startedDaysAgo: 400, period: { start: '2026-03-01', end: '2027-03-01' } });
    const before = await countAuditEvents(t);
    const res = await start(agent, s, patch);
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    expect(res.body.code).toBe(code);
    expect(JSON.stringify(res.body)).toContain(field);
    expect(await countAuditEvents(t)).toBe(before);
    expect(await cancellationRows(s.subscriptionId)).toEqual([]);
  });

  it('refuses a subscription of another account and one that is cancelled already', async () => {
    const s = await subscribed({ startedDaysAgo: 400, period: { start: '2026-03-01', end: '2027-03-01' } });
    const other = await subscribed({
      startedDaysAgo: 400,
      period: { start: '2026-03-01', end: '2027-03-01' },
    });
    const foreign = await start(agent, { caseId: s.caseId, subscriptionId: other.subscriptionId });
    expect(foreign.body).toMatchObject({
      code: 'CANCELLATION_SUBSCRIPTION_NOT_ON_ACCOUNT',
      field: 'body.subscriptionId',
    });
    const ended = await subscribed({
      startedDaysAgo: 400,
      period: { start: '2026-03-01', end: '2027-03-01' },
      status: 'cancelled',
    });
    const res = await start(agent, ended);
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'SUBSCRIPTION_NOT_CANCELLABLE', field: 'body.subscriptionId' });
  });

  it('refuses bad step bodies naming the field, changing nothing', async () => {
    const s = await subscribed({
      startedDaysAgo: 400,
      period: { start: '2026-03-01', end: '2027-03-01' },
      renewed: true,
    });
    const { id } = await readyToProcess(s, 'period_end');
    const before = await countAuditEvents(t);
    const wrongOption = await agent.post(`/api/cancellations/${id}/process`, { effective: 'tomorrow' });
    expect(wrongOption.status).toBe(400);
    expect(JSON.stringify(wrongOption.body)).toContain('body.effective');
    const preview = await agent.get(`/api/cancellations/${id}/preview?effective=never`);
    expect(preview.status).toBe(400);
    expect(JSON.stringify(preview.body)).toContain('querystring.effective');
    const negative = await agent.post(`/api/cancellations/${id}/process`, {
      effective: 'period_end',
      refund: { amountMinor: -1, currency: 'EUR' },
    });
    expect(negative.status).toBe(400);
    expect(JSON.stringify(negative.body)).toContain('body.refund.amountMinor');
    const mismatch = await agent.post(`/api/cancellations/${id}/process`, {
      effective: 'period_end',
      refund: { amountMinor: 100, currency: 'EUR' },
    });
    expect(mismatch.status).toBe(409);
    expect(mismatch.body).toMatchObject({
      code: 'CANCELLATION_REFUND_MISMATCH',
      field: 'body.refund.amountMinor',
    });
    const unknown = await agent.get('/api/cancellations/cnc_nope');
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('CANCELLATION_NOT_FOUND');
    expect(await countAuditEvents(t)).toBe(before);
    expect((await subscriptionOf(s.subscriptionId)).status).toBe('active');
  });
});

describe('the steps, in the server’s order', () => {
  it('refuses a step before the ones it follows, and open invoices until the agent told the customer', async () => {
    const s = await subscribed({
      startedDaysAgo: 400,
      period: { start: '2026-03-01', end: '2027-03-01' },
      renewed: true,
    });
    await t.db
      .insertInto('invoices')
      .values({
        id: newId('inv', t.clock.now()),
        invoice_number: `R-OPEN-${Math.random().toString(36).slice(2, 10)}`,
        account_id: s.account.id,
        subscription_id: s.subscriptionId,
        order_id: null,
        amount_minor: 4999,
        paid_minor: 1000,
        status: 'open',
        issued_at: t.clock.now(),
        due_on: '2026-04-15',
      })
      .execute();
    const id = (await start(agent, s)).body.id as string;
    const early = await agent.post(`/api/cancellations/${id}/process`, { effective: 'period_end' });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('CANCELLATION_STEP_OUT_OF_ORDER');
    const earlyExplain = await agent.post(`/api/cancellations/${id}/explain`, { effective: 'period_end' });
    expect(earlyExplain.body.code).toBe('CANCELLATION_STEP_OUT_OF_ORDER');

    const review = await agent.get(`/api/cancellations/${id}/review`);
    expect(review.status, JSON.stringify(review.body)).toBe(200);
    expect(review.body).toMatchObject({
      mustDiscussBalance: true,
      balance: { outstandingMinor: 3999, currency: 'EUR' },
      subscription: {
        id: s.subscriptionId,
        period: { start: '2026-03-01', end: '2027-03-01' },
        nextRenewalOn: '2027-03-01',
      },
    });
    expect(review.body.openInvoices).toHaveLength(1);
    const before = await countAuditEvents(t);
    const untold = await agent.post(`/api/cancellations/${id}/review`, { balanceDiscussed: false });
    expect(untold.status).toBe(409);
    expect(untold.body).toMatchObject({
      code: 'CANCELLATION_BALANCE_NOT_DISCUSSED',
      field: 'body.balanceDiscussed',
    });
    expect(await countAuditEvents(t)).toBe(before);
    const told = await agent.post(`/api/cancellations/${id}/review`, { balanceDiscussed: true });
    expect(told.status).toBe(200);
    expect(told.body.review).toMatchObject({ openBalanceMinor: 3999, balanceDiscussed: true });
    expect(told.body.steps).toEqual({ done: ['reason', 'review'], next: 'explain' });

    const explained = await agent.post(`/api/cancellations/${id}/explain`, { effective: 'period_end' });
    expect(explained.body.script.language).toBe('de');
    expect(explained.body.script.lines.join(' ')).toContain(`39,99${NBSP}€`);
  });
});

describe('cancelling at the end of the term', () => {
  it('schedules the end, stops renewals, confirms in the customer’s language and drafts the note', async () => {
    const s = await subscribed({
      language: 'en',
      startedDaysAgo: 400,
      period: { start: '2026-03-01', end: '2027-03-01' },
      renewed: true,
    });
    const { id, explained, offers } = await readyToProcess(s, 'period_end');
    expect(explained.script.language).toBe('en');
    expect(explained.script.lines[0]).toBe(
      'Your Plus annual plan ends on 1 March 2027. You can keep using everything up to and including 28 February 2027.',
    );
    expect(offers).toMatchObject({ holdout: false, presented: [], offers: { outcome: 'none' } });

    const preview = await agent.get(`/api/cancellations/${id}/preview?effective=period_end`);
    expect(preview.body).toMatchObject({
      effectiveOn: '2027-03-01',
      serviceUntil: '2027-02-28',
      lastBillingOn: '2026-03-01',
      dataExportUntil: '2027-03-31',
      subscriptionStatusAfter: 'pending_cancellation',
      refund: { amount: { amountMinor: 0 }, basis: null },
    });
    const processed = await agent.post(`/api/cancellations/${id}/process`, { effective: 'period_end' });
    expect(processed.status, JSON.stringify(processed.body)).toBe(200);
    expect(processed.body).toMatchObject({
      status: 'scheduled',
      subscriptionStatus: 'pending_cancellation',
      processed: { effective: 'period_end', effectiveOn: '2027-03-01', refund: { amountMinor: 0 } },
      steps: { next: 'confirm' },
    });
    const sub = await subscriptionOf(s.subscriptionId);
    expect(sub).toMatchObject({
      status: 'pending_cancellation',
      cancel_effective_on: '2027-03-01',
      next_renewal_on: null,
    });
    expect(await refundsOf(s.paymentId)).toEqual([]);
    const row = (await cancellationRows(s.subscriptionId))[0]!;
    expect(await t.jobs.state(END_OF_TERM_JOB, row.end_job_id!)).toBe('created');

    const confirmed = await agent.post(`/api/cancellations/${id}/confirm`, {});
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    expect(confirmed.body.confirmation.messageId).toMatch(/^msg_/);
    const messages = await agent.get(`/api/cases/${s.caseId}/messages`);
    expect(messages.body.items.map((m: { id: string }) => m.id)).toContain(
      confirmed.body.confirmation.messageId,
    );
    await deliver();
    const mail = sink.received.find((m) => m.envelope.to.includes(s.account.email ?? ''))!.parsed;
    expect(mail.subject).toBe(`Your cancellation ${confirmed.body.reference} is confirmed`);
    expect(mail.text).toContain('It takes effect on 1 March 2027.');
    expect(mail.text).toContain('Last billing date: 1 March 2026.');
    expect(mail.text).toContain('No refund is due.');
    expect(mail.text).toContain('You can export your data until 31 March 2027.');
    expect(mail.text).toContain(`Reference: ${confirmed.body.reference}`);

    const again = await agent.post(`/api/cancellations/${id}/confirm`, {});
    expect(again.body.code).toBe('CANCELLATION_STEP_OUT_OF_ORDER');
    const note = await agent.get(`/api/cancellations/${id}/note-draft`);
    expect(note.status).toBe(200);
    expect(note.body.contactReason).toContain('Zu teuer');
    expect(note.body.actionsTaken).toContain('01.03.2027');
    expect(note.body.commitments).toEqual([{ description: expect.any(String), dueOn: '2027-03-01' }]);
  });

  it('can be revoked before the effective date, and not after it', async () => {
    const s = await subscribed({
      startedDaysAgo: 400,
      period: { start: '2026-03-01', end: '2027-03-01' },
      renewed: true,
    });
    const { id } = await readyToProcess(s, 'period_end');
    expect((await agent.post(`/api/cancellations/${id}/process`, { effective: 'period_end' })).status).toBe(
      200,
    );
    const revoked = await agent.post(`/api/cancellations/${id}/revoke`, {});
    expect(revoked.status, JSON.stringify(revoked.body)).toBe(200);
    expect(revoked.body.status).toBe('revoked');
    expect(await subscriptionOf(s.subscriptionId)).toMatchObject({
      status: 'active',
      cancel_effective_on: null,
      next_renewal_on: '2027-03-01',
    });
    // the job finds nothing pending when its date comes
    t.clock.set('2027-03-01T10:00:00Z');
    try {
      expect(await applyEndOfTerm(t.systemDeps(), { subscriptionId: s.subscriptionId })).toBe('not_pending');
    } finally {
      t.clock.set(NOW);
    }
    const note = await agent.get(`/api/cancellations/${id}/note-draft`);
    expect(note.body.actionsTaken).toContain('widerrufen');

    const later = await subscribed({
      startedDaysAgo: 400,
      period: { start: '2026-03-01', end: '2027-03-01' },
      renewed: true,
    });
    const second = await readyToProcess(later, 'period_end');
    expect(
      (await agent.post(`/api/cancellations/${second.id}/process`, { effective: 'period_end' })).status,
    ).toBe(200);
    t.clock.set('2027-03-01T10:00:00Z');
    try {
      await markVerified(t, later.caseId);
      const late = await (await t.login('agent')).post(`/api/cancellations/${second.id}/revoke`, {});
      expect(late.status).toBe(409);
      expect(late.body.code).toBe('CANCELLATION_NOT_REVOCABLE');
    } finally {
      t.clock.set(NOW);
    }
  });

  it('takes effect through the end-of-term job that a new instance on the same database runs', async () => {
    // pg-boss hands out jobs by the real clock: the period ends today, so the job is due now
    t.clock.set(new Date());
    const agentThen = await t.login('agent');
    try {
      const today = businessDate(new Date(), 'Europe/Berlin');
      const s = await subscribed({
        startedDaysAgo: 400,
        period: { start: '2025-06-01', end: today },
        renewed: true,
      });
      const { id } = await readyToProcess(s, 'period_end', agentThen);
      const processed = await agentThen.post(`/api/cancellations/${id}/process`, { effective: 'period_end' });
      expect(processed.status, JSON.stringify(processed.body)).toBe(200);
      expect(processed.body.processed.effectiveOn).toBe(today);
      expect((await subscriptionOf(s.subscriptionId)).status).toBe('pending_cancellation');
      const other = await openJobs(t.database);
      try {
        await other.work(
          END_OF_TERM_JOB,
          async (job) => {
            await applyEndOfTerm(t.systemDeps(), { subscriptionId: String(job.data.subscriptionId) });
          },
          0.5,
        );
        const until = Date.now() + 15_000;
        while ((await subscriptionOf(s.subscriptionId)).status !== 'cancelled') {
          if (Date.now() > until) throw new Error('the end-of-term job did not run');
          await new Promise((r) => setTimeout(r, 100));
        }
      } finally {
        await other.stop();
      }
      expect(await auditsOf(s.subscriptionId, 'subscription.ended')).toHaveLength(1);
      const shown = await agentThen.get(`/api/cancellations/${id}`);
      expect(shown.body).toMatchObject({ status: 'scheduled', subscriptionStatus: 'cancelled' });
    } finally {
      t.clock.set(NOW);
    }
  });
});

describe('cancelling immediately with a refund', () => {
  it('refunds an annual plan inside the guarantee in full, once, and confirms it in German', async () => {
    const s = await subscribed({ startedDaysAgo: 10, period: { start: '2026-04-24', end: '2027-04-24' } });
    const { id } = await readyToProcess(s, 'immediate');
    const preview = await agent.get(`/api/cancellations/${id}/preview?effective=immediate`);
    expect(preview.body).toMatchObject({
      effectiveOn: '2026-05-04',
      subscriptionStatusAfter: 'cancelled',
      refund: { amount: { amountMinor: s.plan.price_minor, currency: 'EUR' }, paymentId: s.paymentId },
    });
    expect(['guarantee', 'withdrawal']).toContain(preview.body.refund.basis);
    const processed = await agent.post(`/api/cancellations/${id}/process`, {
      effective: 'immediate',
      refund: preview.body.refund.amount,
    });
    expect(processed.status, JSON.stringify(processed.body)).toBe(200);
    expect(processed.body).toMatchObject({
      status: 'cancelled',
      processed: {
        effectiveOn: '2026-05-04',
        refund: { amountMinor: s.plan.price_minor },
        refundStatus: 'succeeded',
      },
    });
    expect(await subscriptionOf(s.subscriptionId)).toMatchObject({
      status: 'cancelled',
      next_renewal_on: null,
    });
    const refunds = await refundsOf(s.paymentId);
    expect(refunds).toHaveLength(1);
    expect(refunds[0]).toMatchObject({
      idempotency_key: `cancellation:${id}`,
      amount_minor: s.plan.price_minor,
    });
    expect(processed.body.processed.refundRef).toBe(refunds[0]!.id);

    const confirmed = await agent.post(`/api/cancellations/${id}/confirm`, {});
    expect(confirmed.status).toBe(200);
    await deliver();
    const mail = sink.received.find((m) => m.envelope.to.includes(s.account.email ?? ''))!.parsed;
    expect(mail.subject).toBe(`Bestätigung Ihrer Kündigung ${confirmed.body.reference}`);
    expect(mail.text).toContain('wird zum 04.05.2026 wirksam');
    expect(mail.text).toContain(`Wir erstatten Ihnen 149,90${NBSP}€`);
    expect(mail.text).toContain('bis zum 03.06.2026 exportieren');
  });

  it('refunds the unused whole months of an annual plan outside the guarantee (pro rata)', async () => {
    const s = await subscribed({
      startedDaysAgo: 430,
      period: { start: '2026-03-01', end: '2027-03-01' },
      renewed: true,
    });
    const { id } = await readyToProcess(s, 'immediate');
    const preview = await agent.get(`/api/cancellations/${id}/preview?effective=immediate`);
    // 4 May 2026 to 1 March 2027: 9 whole months unused of 12
    expect(preview.body.refund).toMatchObject({
      basis: 'pro_rata',
      amount: { amountMinor: Math.round((s.plan.price_minor * 9) / 12) },
    });
  });

  it('cancels a monthly plan outside every window without a refund', async () => {
    const s = await subscribed({
      planCode: 'PLUS-M',
      startedDaysAgo: 300,
      period: { start: '2026-04-20', end: '2026-05-20' },
      renewed: true,
    });
    const { id } = await readyToProcess(s, 'immediate');
    const processed = await agent.post(`/api/cancellations/${id}/process`, { effective: 'immediate' });
    expect(processed.body).toMatchObject({
      status: 'cancelled',
      processed: { refund: { amountMinor: 0 }, refundRef: null },
    });
    expect(await refundsOf(s.paymentId)).toEqual([]);
  });

  it('processes twenty identical submits as one cancellation and one refund', async () => {
    const s = await subscribed({ startedDaysAgo: 5, period: { start: '2026-04-29', end: '2027-04-29' } });
    const { id } = await readyToProcess(s, 'immediate');
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        agent.post(`/api/cancellations/${id}/process`, { effective: 'immediate' }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    expect(new Set(answers.map((a) => a.body.processed.refundRef)).size).toBe(1);
    expect(await refundsOf(s.paymentId)).toHaveLength(1);
    expect(await auditsOf(id, 'cancellation.processed')).toHaveLength(1);
    expect(await auditsOf(s.subscriptionId, 'subscription.cancelled')).toHaveLength(1);
    const other = await agent.post(`/api/cancellations/${id}/process`, { effective: 'period_end' });
    expect(other.status).toBe(409);
    expect(other.body.code).toBe('CANCELLATION_ALREADY_PROCESSED');
  });

  it('records twenty intakes of one subscription as one request (one key, or none)', async () => {
    const s = await subscribed({ startedDaysAgo: 400, period: { start: '2026-03-01', end: '2027-03-01' } });
    const keyed = await Promise.all(
      Array.from({ length: 20 }, () =>
        start(agent, s, {}, { 'idempotency-key': `cancel-${s.subscriptionId}` }),
      ),
    );
    expect(keyed.map((r) => r.status).sort()).toEqual([...Array(19).fill(200), 201]);
    expect(new Set(keyed.map((r) => r.body.id)).size).toBe(1);
    const unkeyed = await Promise.all(Array.from({ length: 20 }, () => start(lead, s)));
    expect(unkeyed.map((r) => r.status)).toEqual(Array(20).fill(409));
    expect(new Set(unkeyed.map((r) => r.body.code))).toEqual(new Set(['CANCELLATION_ALREADY_OPEN']));
    expect(await cancellationRows(s.subscriptionId)).toHaveLength(1);
  });
});

describe('the alternatives', () => {
  it('respects a customer who declines: the offers end and cancelling goes on', async () => {
    const s = await subscribed({
      startedDaysAgo: 400,
      period: { start: '2026-03-01', end: '2027-03-01' },
      renewed: true,
    });
    const id = (await start(agent, s, { reasonCode: 'competitor', competitor: 'Konkurrenz GmbH' })).body
      .id as string;
    await agent.post(`/api/cancellations/${id}/review`, { balanceDiscussed: false });
    await agent.post(`/api/cancellations/${id}/explain`, { effective: 'period_end' });
    const unknown = await agent.post(`/api/cancellations/${id}/offers/response`, {
      response: 'accepted',
      offerId: 'off_nope',
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ code: 'CANCELLATION_OFFER_UNKNOWN', field: 'body.offerId' });
    const declined = await agent.post(`/api/cancellations/${id}/offers/response`, { response: 'declined' });
    expect(declined.status, JSON.stringify(declined.body)).toBe(200);
    expect(declined.body).toMatchObject({
      offers: { outcome: 'declined' },
      steps: { next: 'process' },
      competitor: 'Konkurrenz GmbH',
    });
    const processed = await agent.post(`/api/cancellations/${id}/process`, { effective: 'period_end' });
    expect(processed.body.status).toBe('scheduled');
    expect(processed.body.history.map((h: { step: string }) => h.step)).toEqual([
      'started',
      'reviewed',
      'explained',
      'offer_declined',
      'processed',
    ]);
    const note = await agent.get(`/api/cancellations/${id}/note-draft`);
    expect(note.body.contactReason).toContain('Konkurrenz GmbH');
  });

  it('lets the customer withdraw before processing: nothing changes and the note says so', async () => {
    const s = await subscribed({
      startedDaysAgo: 400,
      period: { start: '2026-03-01', end: '2027-03-01' },
      renewed: true,
    });
    const id = (await start(agent, s)).body.id as string;
    const withdrawn = await agent.post(`/api/cancellations/${id}/withdraw`, {});
    expect(withdrawn.body).toMatchObject({ status: 'withdrawn', steps: { next: null } });
    expect((await subscriptionOf(s.subscriptionId)).status).toBe('active');
    const note = await agent.get(`/api/cancellations/${id}/note-draft`);
    expect(note.body.actionsTaken).toContain('zurückgezogen');
    const closed = await agent.post(`/api/cancellations/${id}/review`, { balanceDiscussed: false });
    expect(closed.body.code, JSON.stringify(closed.body)).toBe('CANCELLATION_CLOSED');
  });
});

describe('twenty at once', () => {
  it('twenty revokes of one scheduled cancellation: one revokes it, the rest are told, the subscription runs on once', async () => {
    const s = await subscribed({
      startedDaysAgo: 400,
      period: { start: '2026-03-01', end: '2027-03-01' },
      renewed: true,
    });
    const { id } = await readyToProcess(s, 'period_end');
    expect((await agent.post(`/api/cancellations/${id}/process`, { effective: 'period_end' })).status).toBe(
      200,
    );
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => agent.post(`/api/cancellations/${id}/revoke`, {})),
    );
    const ok = answers.filter((a) => a.status === 200);
    expect(ok).toHaveLength(1);
    expect(answers.filter((a) => a.status === 409)).toHaveLength(19);
    expect(await auditsOf(id, 'cancellation.revoked')).toHaveLength(1);
    expect(await auditsOf(s.subscriptionId, 'subscription.cancellation_revoked')).toHaveLength(1);
    expect((await subscriptionOf(s.subscriptionId)).status).toBe('active');
  });

  it('twenty confirmations at once send the customer one e-mail', async () => {
    const s = await subscribed({
      startedDaysAgo: 400,
      period: { start: '2026-03-01', end: '2027-03-01' },
      renewed: true,
    });
    const { id } = await readyToProcess(s, 'period_end');
    expect((await agent.post(`/api/cancellations/${id}/process`, { effective: 'period_end' })).status).toBe(
      200,
    );
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => agent.post(`/api/cancellations/${id}/confirm`, {})),
    );
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 409)).toHaveLength(19);
    const mails = await t.db
      .selectFrom('outbox_messages')
      .select('kind')
      .where('case_id', '=', s.caseId)
      .where('kind', '=', 'cancellation_confirmation')
      .execute();
    expect(mails).toHaveLength(1);
  });
});

describe('a retention offer accepted', () => {
  it('keeps the customer: the discount goes on the subscription, the request ends retained, nothing is cancelled', async () => {
    const s = await subscribed({
      planCode: 'PLUS-M',
      startedDaysAgo: 300,
      period: { start: '2026-04-20', end: '2026-05-20' },
      renewed: true,
    });
    const started = await start(agent, s);
    const id = started.body.id as string;
    await agent.post(`/api/cancellations/${id}/review`, { balanceDiscussed: false });
    await agent.post(`/api/cancellations/${id}/explain`, { effective: 'immediate' });
    const offers = await agent.post(`/api/cancellations/${id}/offers`, {});
    expect(offers.status, JSON.stringify(offers.body)).toBe(200);
    const discount = offers.body.presented.find((o: { kind: string }) => o.kind === 'discount');
    // the demo's "20 % Rabatt für 3 Monate" for monthly plans and this reason
    expect(discount, JSON.stringify(offers.body.presented)).toMatchObject({
      kind: 'discount',
      terms: { percent: 20, cycles: 3 },
    });
    expect(discount.why.de).toContain('zu teuer');
    const accepted = await agent.post(`/api/cancellations/${id}/offers/response`, {
      response: 'accepted',
      offerId: discount.offerId,
    });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(accepted.body.status).toBe('retained');
    const sub = await subscriptionOf(s.subscriptionId);
    expect(sub).toMatchObject({ status: 'active', discount_percent: discount.terms.percent });
    expect(await cancellationRows(s.subscriptionId)).toMatchObject([{ status: 'retained' }]);
    // a retained request is closed: processing it is refused
    const processed = await agent.post(`/api/cancellations/${id}/process`, { effective: 'immediate' });
    expect(processed.status).toBe(409);
    expect((await subscriptionOf(s.subscriptionId)).status).toBe('active');
  });
});

describe('renewal by the built-in provider', () => {
  it('renews an active subscription on its date and never a cancelled, ending or paused one', async () => {
    const period = { start: '2025-05-04', end: '2026-05-04' };
    const active = await subscribed({ startedDaysAgo: 365, period });
    const ending = await subscribed({ startedDaysAgo: 365, period, status: 'pending_cancellation' });
    const cancelled = await subscribed({ startedDaysAgo: 365, period, status: 'cancelled' });
    const paused = await subscribed({ startedDaysAgo: 365, period, status: 'paused' });
    // cancelled through the desk: scheduled for today's period end, then it must not renew
    const viaDesk = await subscribed({ startedDaysAgo: 365, period });
    const { id } = await readyToProcess(viaDesk, 'period_end');
    expect((await agent.post(`/api/cancellations/${id}/process`, { effective: 'period_end' })).status).toBe(
      200,
    );

    const paymentsOf = (subscriptionId: string) =>
      t.db.selectFrom('payments').selectAll().where('subscription_id', '=', subscriptionId).execute();
    await renewDueSubscriptions(t.systemDeps());
    expect(await subscriptionOf(active.subscriptionId)).toMatchObject({
      status: 'active',
      current_period_start: '2026-05-04',
      current_period_end: '2027-05-04',
      next_renewal_on: '2027-05-04',
    });
    const payments = await paymentsOf(active.subscriptionId);
    expect(payments).toHaveLength(2);
    const invoice = await t.db
      .selectFrom('invoices')
      .selectAll()
      .where('subscription_id', '=', active.subscriptionId)
      .executeTakeFirstOrThrow();
    expect(invoice).toMatchObject({ status: 'paid', amount_minor: active.plan.price_minor });
    for (const s of [ending, cancelled, paused, viaDesk]) {
      expect(await paymentsOf(s.subscriptionId)).toHaveLength(1);
      expect((await subscriptionOf(s.subscriptionId)).current_period_start).toBe('2025-05-04');
    }
    // a second run the same day renews nothing again
    await renewDueSubscriptions(t.systemDeps());
    expect(await paymentsOf(active.subscriptionId)).toHaveLength(2);
    expect(await auditsOf(active.subscriptionId, 'subscription.renewed')).toHaveLength(1);
  });

  it('charges a running retention discount and counts its cycles down, then the full price again', async () => {
    const s = await subscribed({ startedDaysAgo: 365, period: { start: '2025-05-04', end: '2026-05-04' } });
    await t.db
      .updateTable('subscriptions')
      .set({ discount_percent: 20, discount_cycles_left: 1 })
      .where('id', '=', s.subscriptionId)
      .execute();
    await renewDueSubscriptions(t.systemDeps());
    const price = Number(s.plan.price_minor);
    const invoices = () =>
      t.db
        .selectFrom('invoices')
        .select('amount_minor')
        .where('subscription_id', '=', s.subscriptionId)
        .orderBy('issued_at')
        .execute();
    expect((await invoices()).map((i) => Number(i.amount_minor))).toEqual([price - Math.round(price * 0.2)]);
    expect(await subscriptionOf(s.subscriptionId)).toMatchObject({
      discount_percent: null,
      discount_cycles_left: null,
    });
    // a year later the discount is used up: the full price
    t.clock.set('2027-05-04T09:00:00Z');
    try {
      await renewDueSubscriptions(t.systemDeps());
    } finally {
      t.clock.set(NOW);
    }
    expect((await invoices()).map((i) => Number(i.amount_minor))).toEqual([
      price - Math.round(price * 0.2),
      price,
    ]);
  });
});

describe('the dashboard’s table', () => {
  it('followed every change this file made to its requests, surveys and offers (as a projection from scratch)', async () => {
    expect(accountsHere.length).toBeGreaterThan(0);
    const events = await t.db
      .selectFrom('insight_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('account_id', 'in', accountsHere)
      .executeTakeFirstOrThrow();
    expect(Number(events.n)).toBeGreaterThan(0);
    expect(await insightEventsDrift(t.db, accountsHere)).toEqual([]);
  });
});
