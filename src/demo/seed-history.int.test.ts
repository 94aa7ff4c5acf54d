import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyDatabase } from '../../test/empty-database';
import type { Database } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import { insightEventsDrift } from '../db/migrations/0026-insight-events';
import { evaluate, policyDocument } from '../modules/policy';
import { listStoredEvaluations } from '../modules/refunds';
import type { UseCaseDeps } from '../platform/deps';
import { HIGH_REFUND_CHANNEL, SPIKE } from './generate-history';
import { seedDemoData } from './seed-demo';

const NOW = new Date('2026-11-02T09:00:00Z');
const SECRET = 'seed-test-secret-0123456789abcdef0123456789';
const DAY = 86_400_000;

// The desk history is off in the shared test template (tests there count their own rows), so
// it is seeded here into a database of its own and checked for what the dashboard relies on.
const freshDatabase = () => emptyDatabase('kulanz_hist');

describe('the demo desk history', () => {
  let database: Database;
  let drop: () => Promise<void>;
  const rows = async <T>(q: string) => (await sql.raw<T>(q).execute(database.db)).rows;
  const one = async (q: string) => Number((await rows<{ n: number }>(q))[0]!.n);

  beforeAll(async () => {
    ({ database, drop } = await freshDatabase());
    await migrateToLatest(database.db);
    await seedDemoData(database.db, {
      accounts: 400,
      now: NOW,
      secret: SECRET,
      history: true,
      batchSize: 150,
    });
  }, 120_000);
  afterAll(async () => {
    await drop?.();
  });

  it('has rows of every kind', async () => {
    for (const table of [
      'refund_requests',
      'refund_request_events',
      'refund_executions',
      'payment_refunds',
      'cancellation_requests',
      'cancellation_request_events',
      'offer_save_watches',
      'surveys',
    ])
      expect(await one(`select count(*)::int as n from ${table}`), table).toBeGreaterThan(0);
    for (const event of ['shown', 'accepted', 'declined', 'holdout'])
      expect(
        await one(`select count(*)::int as n from offer_events where event = '${event}'`),
        event,
      ).toBeGreaterThan(0);
    for (const status of ['executed', 'denied'])
      expect(
        await one(`select count(*)::int as n from refund_requests where status = '${status}'`),
      ).toBeGreaterThan(0);
    expect(
      await one(`select count(*)::int as n from refund_requests where evaluation->>'inPolicy' = 'false'`),
    ).toBeGreaterThan(0);
    expect(
      await one(`select count(*)::int as n from surveys where state = 'answered' and rating is not null`),
    ).toBeGreaterThan(0);
  });

  it('keeps the money consistent: refunds never exceed the payment and the ledger adds up', async () => {
    expect(await one('select count(*)::int as n from payments where refunded_minor > amount_minor')).toBe(0);
    // every payment the history refunded: refunded_minor is exactly its ledger's sum
    const off = await one(`select count(*)::int as n from payments p
      join (select payment_id, sum(amount_minor) s from payment_refunds where status = 'succeeded' group by 1) r
        on r.payment_id = p.id where p.refunded_minor < r.s`);
    expect(off).toBe(0);
    const executed = await rows<{
      decided_minor: string;
      amount_minor: string;
      method: string;
      ref: string | null;
    }>(
      `select r.decided_minor, e.amount_minor, e.method,
         coalesce((select id from payment_refunds where id = r.execution_ref), (select id from store_credit_entries where id = r.execution_ref)) as ref
       from refund_requests r join refund_executions e on e.request_id = r.id where r.status = 'executed'`,
    );
    expect(executed.length).toBeGreaterThan(0);
    for (const e of executed) {
      expect(e.amount_minor).toBe(e.decided_minor);
      expect(e.ref).not.toBeNull();
    }
    expect(
      await one(
        'select count(*)::int as n from refund_requests where requested_minor > (select amount_minor from payments where id = payment_id)',
      ),
    ).toBe(0);
  });

  it('gives every decided request its decider, its history rows and its audit events', async () => {
    const missing = await one(`select count(*)::int as n from refund_requests r
      where r.status in ('approved', 'denied', 'executed') and (r.decided_by is null or r.decided_at is null
        or not exists (select 1 from refund_request_events e where e.request_id = r.id and e.to_status in ('approved', 'denied'))
        or not exists (select 1 from audit_events a where a.entity_id = r.id and a.action in ('refund_request.approved', 'refund_request.denied')))`);
    expect(missing).toBe(0);
    const deciders = await one(
      `select count(distinct decided_by)::int as n from refund_requests where decided_by is not null`,
    );
    expect(deciders).toBeGreaterThanOrEqual(3);
    // decisions in Berlin office hours, on working days
    const outside =
      await one(`select count(*)::int as n from refund_requests where decided_at is not null and (
      extract(hour from decided_at at time zone 'Europe/Berlin') < 8 or extract(hour from decided_at at time zone 'Europe/Berlin') >= 19
      or extract(isodow from decided_at at time zone 'Europe/Berlin') > 5)`);
    expect(outside).toBe(0);
    expect(
      await one(
        `select count(*)::int as n from refund_requests where created_at < '${new Date(NOW.getTime() - 731 * DAY).toISOString()}' or created_at > '${NOW.toISOString()}'`,
      ),
    ).toBe(0);
  });

  it('sends what is beyond the agent through the exceptions queue, and leaves some of the last week open for a lead', async () => {
    // every request a lead or the admin decided passed through pending_approval, escalated by an agent
    const skipped = await one(`select count(*)::int as n from refund_requests r
      join staff_users s on s.id = r.decided_by
      where s.role <> 'agent' and not exists (select 1 from refund_request_events e
        where e.request_id = r.id and e.to_status = 'pending_approval' and e.action = 'escalated')`);
    expect(skipped).toBe(0);
    const open = await rows<{ waited_days: number; has_audit: boolean; case_status: string }>(`
      select extract(epoch from ('${NOW.toISOString()}'::timestamptz - r.status_since)) / 86400 as waited_days,
        exists (select 1 from audit_events a where a.entity_id = r.id and a.action = 'refund_request.escalated'
          or a.entity_id = r.id and a.action = 'refund_request.created' and a.changes->'status'->>'to' = 'pending_approval') as has_audit,
        c.status as case_status
      from refund_requests r join cases c on c.id = r.case_id where r.status = 'pending_approval'`);
    expect(open.length).toBeGreaterThan(0);
    for (const r of open) {
      expect(Number(r.waited_days)).toBeLessThan(9);
      expect(r.has_audit).toBe(true);
      expect(r.case_status).toBe('pending');
    }
  });

  it('replays: the stored evaluation is what the policy answers on the stored facts at the stored time', async () => {
    const policy = await rows<{ version: number; document: unknown }>(
      'select version, document from policy_versions order by version desc limit 1',
    );
    const document = policyDocument.parse(policy[0]!.document);
    const stored = await rows<{ id: string; evaluation: unknown }>(
      'select id, evaluation from refund_requests',
    );
    const byId = new Map(stored.map((s) => [s.id, s.evaluation]));
    let replayed = 0;
    for await (const batch of listStoredEvaluations({ db: database.db } as UseCaseDeps, {
      from: new Date(NOW.getTime() - 800 * DAY),
      to: NOW,
      batch: 500,
    }))
      for (const s of batch) {
        expect(evaluate(s.facts, document, s.evaluatedAt)).toEqual(byId.get(s.requestId));
        replayed++;
      }
    expect(replayed).toBe(stored.length);
  });

  it('tells the story: the social channel refunds more, the headphones spike, January beats the spring', async () => {
    const rates = await rows<{ channel: string; rate: number }>(`select a.acquisition_channel as channel,
      count(r.id)::float / count(distinct a.id) as rate from accounts a left join refund_requests r on r.account_id = a.id group by 1`);
    const social = rates.find((r) => r.channel === HIGH_REFUND_CHANNEL)!.rate;
    for (const r of rates.filter((r) => r.channel !== HIGH_REFUND_CHANNEL))
      expect(social).toBeGreaterThan(r.rate * 1.5);
    const from = new Date(NOW.getTime() - SPIKE.fromDaysAgo * DAY).toISOString();
    const to = new Date(NOW.getTime() - SPIKE.toDaysAgo * DAY).toISOString();
    const defects = (where: string) =>
      one(`select count(*)::int as n from refund_requests r join orders o on o.id = r.order_id
        where o.product_id = '${SPIKE.productId}' and r.reason_code = '${SPIKE.reasonCode}' and ${where}`);
    const inWindow = await defects(`r.created_at >= '${from}' and r.created_at < '${to}'`);
    const outside = await defects(`not (r.created_at >= '${from}' and r.created_at < '${to}')`);
    // six weeks of 104: the window holds more than all the other 98 weeks together
    expect(inWindow).toBeGreaterThan(outside);
    const month = (m: number) =>
      one(`select count(*)::int as n from refund_requests where extract(month from created_at) = ${m}`);
    expect(await month(1)).toBeGreaterThan(await month(3));
    const repeat = await one(`select count(*)::int as n from (select account_id from refund_requests
      where created_at > '${new Date(NOW.getTime() - 365 * DAY).toISOString()}' group by 1 having count(*) >= 3) x`);
    expect(repeat).toBeGreaterThanOrEqual(2);
  });

  it('gives new customers more cancellations than long-standing ones', async () => {
    const buckets = await rows<{ early: number; late: number }>(`select
      count(*) filter (where c.created_at - a.signup_at < interval '90 days')::int as early,
      count(*) filter (where c.created_at - a.signup_at between interval '270 days' and interval '360 days')::int as late
      from cancellation_requests c join accounts a on a.id = c.account_id`);
    expect(buckets[0]!.early).toBeGreaterThan(buckets[0]!.late);
  });

  it('keeps more of those offered something than of the holdout, with a holdout of about a tenth', async () => {
    const [r] = await rows<{ holdout: number; offered: number; kept_holdout: number; kept_offered: number }>(`
      select count(*) filter (where offers_outcome = 'holdout')::int as holdout,
        count(*) filter (where offers_outcome in ('retained', 'declined'))::int as offered,
        count(*) filter (where offers_outcome = 'holdout' and s.status not in ('cancelled', 'pending_cancellation'))::int as kept_holdout,
        count(*) filter (where offers_outcome = 'retained')::int as kept_offered
      from cancellation_requests c join subscriptions s on s.id = c.subscription_id`);
    const all = await one('select count(*)::int as n from cancellation_requests');
    expect(r!.holdout / all).toBeGreaterThan(0.05);
    expect(r!.holdout / all).toBeLessThan(0.16);
    expect(r!.kept_offered / r!.offered).toBeGreaterThan((r!.kept_holdout / r!.holdout) * 1.5);
  });

  it('projects every request of the bulk seed into the dashboard’s table, as a projection from scratch would', async () => {
    const requests = await one(
      'select (select count(*) from refund_requests) + (select count(*) from cancellation_requests) as n',
    );
    expect(await one('select count(*)::int as n from insight_events')).toBe(requests);
    // the seed writes the surveys, offers and save checks after the requests, in other statements
    expect(await one('select count(*)::int as n from insight_events where answers > 0')).toBeGreaterThan(0);
    expect(
      await one('select count(*)::int as n from insight_events where cardinality(offers_shown) > 0'),
    ).toBeGreaterThan(0);
    expect(
      await one("select count(*)::int as n from insight_events where save_status = 'confirmed'"),
    ).toBeGreaterThan(0);
    expect(await insightEventsDrift(database.db)).toEqual([]);
  });
});
