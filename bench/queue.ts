// The exceptions-queue section of `npm run bench`: the lead's list of refund requests waiting for
// a decision (GET /api/refund-requests?status=pending_approval), through the whole app in this
// process, on PostgreSQL with BENCH_QUEUE_REQUESTS (100,000) open requests. Each request row holds
// a real evaluation (about 4 KB of JSON), so the list pays what it pays in production.
import { type Kysely, sql } from 'kysely';
import type { DB } from '../src/db/schema';
import { DEFAULT_POLICY, evaluate } from '../src/modules/policy';
import { variedFacts } from '../test/policy-facts';
import { agentApp } from './in-process';
import { ms, out, percentile, table } from './report';

export interface QueueBenchOptions {
  secret: string;
  requests: number;
  queries: number;
}

export interface QueueBenchRow {
  label: string;
  requests: number;
  p50: number;
  p99: number;
}

/** Fills refund_requests up to `count` open requests, spread over the last 30 days; answers how many it added. */
async function seedOpenRequests(db: Kysely<DB>, count: number): Promise<number> {
  const open = await sql<{ n: number }>`
    select count(*)::int as n from refund_requests where status = 'pending_approval'`.execute(db);
  const missing = count - open.rows[0]!.n;
  if (missing <= 0) return 0;
  await addOpenRequests(db, missing);
  return missing;
}

/**
 * Adds `missing` open refund requests (pending approval, recorded now, waiting up to 30 days) on
 * the seeded cases, each with a real evaluation of varied facts; the simulator and the mixed
 * workload use them too.
 */
export async function addOpenRequests(db: Kysely<DB>, missing: number): Promise<void> {
  const now = new Date();
  const samples = variedFacts(50, now).map((facts) => ({
    facts,
    evaluation: evaluate(facts, DEFAULT_POLICY, now),
  }));
  const agent = await db
    .selectFrom('staff_users')
    .select('id')
    .where('role', '=', 'agent')
    .executeTakeFirstOrThrow();
  const reasons = Object.keys(DEFAULT_POLICY.reasons);
  // a case with a payment gives one request per round, one without none: twice the rounds, cut by the limit
  const cases = await sql<{ n: number }>`
    select count(*)::int as n from (select 1 from cases limit 100000) c`.execute(db);
  await sql`
    insert into refund_requests (id, case_id, account_id, payment_id, reason_code, customer_words, mood,
      requested_minor, currency, status, status_since, policy_version, facts, evaluation, evaluated_at,
      created_by, created_at, updated_at)
    select 'rfr_bench_' || pairs.rn || '_' || ${now.getTime()}, pairs.case_id, pairs.account_id, pairs.payment_id,
      (${JSON.stringify(reasons)}::jsonb) ->> (pairs.rn % ${reasons.length})::int,
      'Bitte erstatten Sie mir den Betrag, das Produkt hat nicht gehalten, was es versprochen hat.',
      (array['calm', 'upset', 'angry'])[1 + pairs.rn % 3], 1000 + (pairs.rn % 50000), 'EUR',
      'pending_approval', now() - (pairs.rn % 43200) * interval '1 minute', 1,
      (${JSON.stringify(samples.map((s) => s.facts))}::jsonb) -> (pairs.rn % 50)::int,
      (${JSON.stringify(samples.map((s) => s.evaluation))}::jsonb) -> (pairs.rn % 50)::int,
      now(), ${agent.id}, now(), now()
    from (
      select c.id as case_id, c.account_id, p.id as payment_id, row_number() over () as rn
      from generate_series(1, ${Math.ceil((2 * missing) / Math.max(1, cases.rows[0]!.n))}) as rounds
      cross join (select id, account_id from cases limit 100000) c
      cross join lateral (select id from payments where payments.account_id = c.account_id limit 1) p
      limit ${missing}
    ) pairs`.execute(db);
  await sql`analyze refund_requests`.execute(db);
}

async function timed(
  inject: () => Promise<{ statusCode: number; body: string }>,
  n: number,
): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    const res = await inject();
    times.push(performance.now() - started);
    if (res.statusCode !== 200)
      throw new Error(`queue answered ${res.statusCode}: ${res.body.slice(0, 300)}`);
  }
  return times.sort((a, b) => a - b);
}

export async function runQueueBench(db: Kysely<DB>, options: QueueBenchOptions): Promise<QueueBenchRow[]> {
  const seedStarted = performance.now();
  const added = await seedOpenRequests(db, options.requests);
  const seedS = (performance.now() - seedStarted) / 1000;
  const { app, cookie } = await agentApp(db, options.secret, 'lead');
  const get = (url: string) => app.inject({ method: 'GET', url, headers: { cookie } });
  const base = '/api/refund-requests?status=pending_approval&limit=50';
  try {
    await timed(() => get(base), 20); // warm up the app and the prepared statements
    // deeper pages: follow the cursor as a lead paging through the queue does
    const cursors: string[] = [];
    let next: string | null = null;
    for (let i = 0; i < options.queries && cursors.length < options.queries; i++) {
      const res = await get(next ? `${base}&cursor=${next}` : base);
      next = res.json().nextCursor;
      if (!next) break;
      cursors.push(next);
    }
    let c = 0;
    const rows: Array<[string, number[]]> = [
      ['first page (50 oldest waiting)', await timed(() => get(base), options.queries)],
      [
        'next pages (keyset cursor)',
        await timed(() => get(`${base}&cursor=${cursors[c++ % cursors.length]}`), options.queries),
      ],
      ['filtered by reason (defect)', await timed(() => get(`${base}&reason=defect`), options.queries)],
    ];
    out();
    out(
      `Exceptions queue on PostgreSQL: ${options.requests.toLocaleString('en')} open requests` +
        (added ? ` (${added.toLocaleString('en')} added in ${seedS.toFixed(1)} s)` : ' (already there)') +
        `, ${options.queries} requests per row through the app in this process, as a lead`,
    );
    table(
      ['list', 'requests', 'p50 ms', 'p99 ms', 'target p99'],
      rows.map(([label, t]) => [
        label,
        String(t.length),
        ms(percentile(t, 50)),
        ms(percentile(t, 99)),
        '< 50 ms',
      ]),
    );
    return rows.map(([label, t]) => ({
      label,
      requests: t.length,
      p50: percentile(t, 50),
      p99: percentile(t, 99),
    }));
  } finally {
    await app.close();
  }
}
