import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPaidOrder, addSubscription, createAccountWithCase, markVerified } from '../../../test/factories';
import { startDesk, type TestApp, type TestClient } from '../../../test/harness';
import { DAY, HOUR } from '../../platform/clock';
import { newId } from '../../platform/ids';
import { sendWeeklyDigests } from './index';

// The leads' weekly digest against a small data set in a year the demo data never reaches: the
// week of Monday 3 March 2031 (Europe/Berlin, CET = UTC+1) and the four weeks before it, with
// events placed on both sides of the week's midnight boundaries.

let t: TestApp;
let agent: TestClient;
let lead: TestClient;
let admin: TestClient;
const NOW = '2031-03-10T08:00:00Z'; // Monday 09:00 in Berlin: the last complete week is 3–9 March
const WEEK = '2031-03-03';

/** A refund request recorded at `at`; in the policy (5 days after delivery) unless `outside`. */
async function request(at: string, outside = false) {
  t.clock.set(at);
  const { account, kase } = await createAccountWithCase(t);
  await markVerified(t, kase.id);
  const { paymentId } = await addPaidOrder(t, account.id, {
    totalMinor: 6000,
    orderedAt: new Date(t.clock.now().getTime() - (outside ? 40 : 5) * DAY),
  });
  const res = await agent.post(`/api/cases/${kase.id}/refund-requests`, {
    paymentId,
    reasonCode: 'not_satisfied',
    customerWords: 'Bitte zurücknehmen.',
    mood: 'calm',
    requestedMinor: 6000,
    currency: 'EUR',
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { id: res.body.id as string, status: res.body.status as string };
}

async function decide(id: string, at: number, action: 'approve' | 'deny') {
  t.clock.set(new Date(at));
  const res = await lead.post(`/api/refund-requests/${id}/decision`, {
    action,
    note: 'Entschieden.',
    ...(action === 'deny'
      ? { alternative: { kind: 'discount', note: '10 % auf die nächste Bestellung.' } }
      : {}),
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

/** A cancellation request as the desk leaves it (the flow itself is tested in its module). */
async function cancellation(at: string, status: 'cancelled' | 'retained' | 'revoked') {
  const when = new Date(at);
  const { account, kase } = await createAccountWithCase(t);
  const { id: subscriptionId } = await addSubscription(t, account.id);
  const staff = await t.db
    .selectFrom('staff_users')
    .select('id')
    .where('role', '=', 'agent')
    .executeTakeFirstOrThrow();
  const reason = await t.db
    .selectFrom('cancellation_reason_versions')
    .select(['code', 'version'])
    .orderBy('code')
    .executeTakeFirstOrThrow();
  await t.db
    .insertInto('cancellation_requests')
    .values({
      id: newId('can', when),
      reference: `KND-T${Math.random().toString(36).slice(2, 10)}`,
      case_id: kase.id,
      account_id: account.id,
      subscription_id: subscriptionId,
      status,
      reason_code: reason.code,
      reason_version: reason.version,
      customer_words: 'Zu teuer.',
      offers_at: when,
      processed_at: status === 'retained' ? null : when,
      created_by: staff.id,
      created_at: when,
      updated_at: when,
    })
    .execute();
}

async function surveyAnswer(at: string, rating: number) {
  const when = new Date(at);
  const { account, kase } = await createAccountWithCase(t);
  await t.db
    .insertInto('surveys')
    .values({
      id: newId('svy', when),
      case_id: kase.id,
      account_id: account.id,
      state: 'answered',
      due_at: when,
      rating,
      answered_at: when,
      created_at: when,
    })
    .execute();
}

const digestOf = async (client: TestClient, query = `?week=${WEEK}`) => {
  const res = await client.get(`/api/insights/weekly-digest${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};
const metric = (d: { metrics: Array<{ key: string }> }, key: string) => d.metrics.find((m) => m.key === key);

beforeAll(async () => {
  ({ t, agent, lead, admin } = await startDesk({ now: NOW }));
  // the four weeks before: two requests each, one cancellation in the week just before, one 4-star answer
  for (const monday of ['2031-02-03', '2031-02-10', '2031-02-17', '2031-02-24'])
    for (const hour of ['09', '14']) await request(`${monday}T${hour}:00:00Z`);
  await cancellation('2031-02-25T10:00:00Z', 'cancelled');
  await surveyAnswer('2031-02-18T10:00:00Z', 4);
  // the week: Monday 00:30 in Berlin is still Sunday in UTC, and counts for this week
  const inWeek = [
    await request('2031-03-02T23:30:00Z'),
    await request('2031-03-04T09:00:00Z'),
    await request('2031-03-05T09:00:00Z'),
    await request('2031-03-05T10:00:00Z'),
    await request('2031-03-06T09:00:00Z'),
    await request('2031-03-07T09:00:00Z'),
  ];
  const exception = await request('2031-03-07T11:00:00Z', true); // 40 days after delivery: outside
  // the next week's first half hour (Monday 00:30 in Berlin) belongs to the next week
  await request('2031-03-09T23:30:00Z');
  // decisions 2, 4, 6 and 8 hours after the request: median 5 hours; three approvals of 60 €
  const hoursAfter = (iso: string, hours: number) => new Date(iso).getTime() + hours * HOUR;
  await decide(inWeek[1]!.id, hoursAfter('2031-03-04T09:00:00Z', 2), 'approve');
  await decide(inWeek[2]!.id, hoursAfter('2031-03-05T09:00:00Z', 4), 'approve');
  await decide(inWeek[3]!.id, hoursAfter('2031-03-05T10:00:00Z', 6), 'approve');
  t.clock.set('2031-03-07T12:00:00Z');
  const escalated = await agent.post(`/api/refund-requests/${exception.id}/escalate`, {});
  expect(escalated.status, JSON.stringify(escalated.body)).toBe(200);
  await decide(exception.id, hoursAfter('2031-03-07T11:00:00Z', 8), 'deny');
  await cancellation('2031-03-04T10:00:00Z', 'cancelled');
  await cancellation('2031-03-05T10:00:00Z', 'cancelled');
  await cancellation('2031-03-06T10:00:00Z', 'retained');
  await cancellation('2031-03-06T11:00:00Z', 'revoked'); // undone: not a cancellation
  await surveyAnswer('2031-03-04T10:00:00Z', 5);
  await surveyAnswer('2031-03-05T10:00:00Z', 1);
  await surveyAnswer('2031-03-06T10:00:00Z', 3);
  t.clock.set(NOW);
});
afterAll(() => t.close());

describe('the weekly digest', () => {
  it('counts the week in Berlin time against the mean of the four weeks before', async () => {
    const d = await digestOf(lead);
    expect([d.weekStart, d.weekEnd, d.isoWeek]).toEqual(['2031-03-03', '2031-03-09', 10]);
    const values = Object.fromEntries(
      d.metrics.map((m: { key: string; value: unknown; baseline: unknown }) => [
        m.key,
        [m.value, m.baseline],
      ]),
    );
    expect(values).toEqual({
      refundRequests: [7, 2],
      exceptions: [1, 0],
      approved: [3, 0],
      denied: [1, 0],
      paidOut: [18000, 0],
      medianHoursToDecision: [5, null],
      cancellations: [2, 0.25],
      retained: [1, 0],
      saveRate: [1 / 3, 0],
      surveyAnswers: [3, 0.25],
      averageRating: [3, 4],
      lowRatings: [1, 0],
    });
    expect(metric(d, 'refundRequests')).toMatchObject({ change: 2.5, unit: 'count' });
    expect(metric(d, 'averageRating')).toMatchObject({ change: -0.25, unit: 'rating' });
    // notable: at least 25 % on a base of 5 or more; the reason's rise is named too
    expect(d.topChanges).toEqual([
      { kind: 'metric', key: 'refundRequests', value: 7, baseline: 2, change: 2.5 },
      { kind: 'reason', key: 'not_satisfied', value: 7, baseline: 2, change: 2.5 },
      { kind: 'metric', key: 'averageRating', value: 3, baseline: 4, change: -0.25 },
    ]);
  });

  it('reports the last week that has ended by default, and any week by one of its days', async () => {
    expect((await digestOf(lead, '')).weekStart).toBe(WEEK);
    expect((await digestOf(lead, '?week=2031-03-09')).weekStart).toBe(WEEK); // Sunday
    const next = await digestOf(lead, '?week=2031-03-10');
    expect(metric(next, 'refundRequests')).toMatchObject({ value: 1, baseline: 3.25 });
  });

  it('says nothing changed in an empty period', async () => {
    const d = await digestOf(lead, '?week=2031-06-02');
    for (const m of d.metrics)
      expect([m.key, m.value === null || m.value === 0, m.baseline === null || m.baseline === 0]).toEqual([
        m.key,
        true,
        true,
      ]);
    expect(d.topChanges).toEqual([]);
    expect(d.preview.text).toContain('Keine auffälligen Veränderungen');
  });

  it('shows the e-mail the caller would get, in their language', async () => {
    const d = await digestOf(lead);
    expect(d.preview.subject).toBe('Wochenbericht KW 10 (03.03. – 09.03.2031)');
    expect(d.preview.text).toContain('Erstattungsanträge');
    expect(d.preview.text).toMatch(
      /Erstattungsgrund „Nicht zufrieden, kein Nutzen“: \+250\s?% \(7 statt Ø 2\)/,
    );
    expect(d.preview.text).toMatch(/Ausgezahlt +180,00\s€/);
  });

  it('is for leads and admins; bad input names the field', async () => {
    expect((await agent.get(`/api/insights/weekly-digest?week=${WEEK}`)).status).toBe(403);
    expect((await agent.post('/api/insights/weekly-digest/send', { week: WEEK })).status).toBe(403);
    expect((await lead.post('/api/insights/weekly-digest/send', { week: WEEK })).status).toBe(403);
    const bad = await lead.get('/api/insights/weekly-digest?week=2031-02-30');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('week');
  });

  it('goes to every active lead once per week, however often it is sent (20 at once, then the job)', async () => {
    const leads = await t.db
      .selectFrom('staff_users')
      .select(['email', 'locale'])
      .where('role', '=', 'lead')
      .where('is_active', '=', true)
      .execute();
    expect(leads.length).toBeGreaterThan(0);
    const results = await Promise.all(
      Array.from({ length: 20 }, () => admin.post('/api/insights/weekly-digest/send', { week: WEEK })),
    );
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect(results.reduce((n, r) => n + r.body.queued, 0)).toBe(leads.length);
    const again = await sendWeeklyDigests(t.systemDeps(), {});
    expect(again).toEqual({ weekStart: WEEK, queued: 0, alreadySent: leads.length });
    const sent = await t.db
      .selectFrom('outbox_messages')
      .select(['to_address', 'language', 'subject', 'text_body', 'case_id'])
      .where('kind', '=', 'weekly_digest')
      .execute();
    expect(sent.map((m) => m.to_address).sort()).toEqual(leads.map((l) => l.email).sort());
    for (const m of sent) {
      const locale = leads.find((l) => l.email === m.to_address)!.locale;
      expect(m.language).toBe(locale);
      expect(m.subject).toContain(locale === 'de' ? 'Wochenbericht KW 10' : 'Weekly digest, week 10');
      expect(m.case_id).toBeNull();
    }
    const audited = await t.db
      .selectFrom('audit_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('action', '=', 'message.queued')
      .where(
        'entity_id',
        'in',
        (
          await t.db.selectFrom('outbox_messages').select('id').where('kind', '=', 'weekly_digest').execute()
        ).map((m) => m.id),
      )
      .executeTakeFirstOrThrow();
    expect(Number(audited.n)).toBe(leads.length);
  });
});
