// The simulator section of `npm run bench`: the policy simulator (POST /api/policy-simulations,
// as the demo lead, through the app in this process) replaying BENCH_SIMULATOR_REQUESTS (100,000)
// stored refund requests against the published policy, each with the same pure evaluation. The
// period ends today and reaches back as far as it takes to hold that many requests; when the
// database holds fewer (a small seed), open requests with real evaluations are added first.
import { type Kysely, sql } from 'kysely';
import type { DB } from '../src/db/schema';
import { businessDate } from '../src/platform/clock';
import { agentApp } from './in-process';
import { addOpenRequests } from './queue';
import {
  attachPlan,
  type CapturedQuery,
  check,
  explainSlowest,
  out,
  type queryCapture,
  stats,
  table,
  verdict,
} from './report';

/** The target: the simulator over 100k requests in under 5 s. */
export const SIMULATOR_TARGET_S = 5;

export interface SimulatorBenchOptions {
  db: Kysely<DB>;
  capture: ReturnType<typeof queryCapture>;
  secret: string;
  requests: number;
  runs: number;
  database: string;
}

export async function runSimulatorSection(options: SimulatorBenchOptions) {
  const { db, capture } = options;
  const zone = 'Europe/Berlin';
  const total = await sql<{ n: number }>`select count(*)::int as n from refund_requests`.execute(db);
  let added = 0;
  let addS = 0;
  if (total.rows[0]!.n < options.requests) {
    const started = performance.now();
    added = options.requests - total.rows[0]!.n;
    await addOpenRequests(db, added);
    addS = (performance.now() - started) / 1000;
  }
  // the newest `requests` requests: the period starts on the business day of the oldest of them
  const nth = await sql<{ at: Date }>`
    select created_at as at from refund_requests order by created_at desc
    offset ${options.requests - 1} limit 1`.execute(db);
  const from = businessDate(nth.rows[0]?.at ?? new Date(0), zone);
  const to = businessDate(new Date(), zone);
  const version = await sql<{ v: number }>`select max(version)::int as v from policy_versions`.execute(db);
  const body = { version: version.rows[0]!.v, from, to };
  const { app, cookie, csrf } = await agentApp(db, options.secret, 'lead');
  const times: number[] = [];
  let replayed = 0;
  let changed = 0;
  let slowest: CapturedQuery[] = [];
  let worst = -1;
  try {
    const post = () =>
      app.inject({
        method: 'POST',
        url: '/api/policy-simulations',
        payload: body,
        headers: { cookie, 'x-csrf-token': csrf },
      });
    for (let i = 0; i <= options.runs; i++) {
      const started = performance.now();
      const { result, queries } = await capture.record(post);
      const took = performance.now() - started;
      if (result.statusCode !== 200)
        throw new Error(`the simulator answered ${result.statusCode}: ${result.body.slice(0, 300)}`);
      const summary = result.json() as { requests: number; changed: number };
      replayed = summary.requests;
      changed = summary.changed;
      if (i === 0) continue; // the first run warms the caches and the JIT
      times.push(took);
      if (took > worst) {
        worst = took;
        slowest = queries;
      }
    }
  } finally {
    await app.close();
  }
  const s = stats(times);
  const where = `${options.database}, ${replayed.toLocaleString('en')} requests replayed`;
  const c = check(
    `simulator (${options.database})`,
    `${replayed.toLocaleString('en')} requests p99`,
    s.p99 / 1000,
    '<',
    SIMULATOR_TARGET_S,
    's',
    where,
  );
  out();
  out(
    `Policy simulator on ${options.database}: POST /api/policy-simulations as the demo lead, policy version ${body.version}, ` +
      `${from} to ${to}, ${options.runs} runs after one warm-up` +
      (added ? ` (${added.toLocaleString('en')} open requests added first in ${addS.toFixed(1)} s)` : ''),
  );
  table(
    ['replay', 'requests', 'changed', 'p50', 'p99', 'requests/s', `p99 < ${SIMULATOR_TARGET_S} s`],
    [
      [
        'published policy against the stored evaluations',
        replayed.toLocaleString('en'),
        changed.toLocaleString('en'),
        `${(s.p50 / 1000).toFixed(2)} s`,
        `${(s.p99 / 1000).toFixed(2)} s`,
        Math.round(replayed / (s.p50 / 1000)).toLocaleString('en'),
        verdict(c),
      ],
    ],
  );
  // where the slowest run's time went: the statements (reading the stored requests) or this process
  const dbMs = slowest.reduce((n, q) => n + q.ms, 0);
  out(
    `slowest run: ${slowest.length} statements, ${(dbMs / 1000).toFixed(2)} s waiting for them, ` +
      `${((worst - dbMs) / 1000).toFixed(2)} s in this process (parsing the facts, evaluating, summing up)`,
  );
  if (!c.pass) attachPlan(c, await explainSlowest(db, slowest));
  return {
    from,
    to,
    version: body.version,
    added,
    replayed,
    changed,
    p50Ms: s.p50,
    p99Ms: s.p99,
    statements: slowest.length,
  };
}
