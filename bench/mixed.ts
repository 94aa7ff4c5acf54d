// The mixed-workload section of `npm run bench`: one autocannon run at BENCH_CONNECTIONS (50)
// against kulanz in production mode (its own process, PostgreSQL), each connection repeating an
// agent's day in a fixed ratio — search (number, phone, name), open the account, open a case,
// write a note, evaluate a refund (record a request, which the policy evaluates), and a lead's
// decision on an open exception — with the bare Fastify + pg route (bench/bare-server.ts) before
// and after it in the same run as the ceiling. Writes are real: every decision is on another
// open request (prepared beforehand), every evaluation on a verified case with a payment.
import autocannon from 'autocannon';
import { type Kysely, sql } from 'kysely';
import { openDatabase } from '../src/db/database';
import type { DB } from '../src/db/schema';
import { DEMO_LOGINS } from '../src/demo/seed-demo';
import { DEFAULT_POLICY } from '../src/modules/policy';
import { addOpenRequests } from './queue';
import { check, ms, out, percentile, table, verdict } from './report';
import { loadSamples, logInAs, type Samples, startChild } from './throughput';

export interface MixedOptions {
  root: string;
  databaseUrl: string;
  secret: string;
  connections: number;
  durationS: number;
  warmupS: number;
  sample: number;
  logLevel: string;
  /** Open requests prepared for the decisions (each decided once). */
  decisions: number;
  /** Verified refund cases prepared for the evaluations (cycled). */
  evaluationCases: number;
  /** A folder for a CPU profile of the kulanz process (node --cpu-prof), written when it stops. */
  profileDir?: string;
}

/** The targets for the mixed workload. */
export const MIXED_SHARE_OF_BARE = 30;
export const MIXED_P99_MS = 50;

type Endpoint = 'search' | 'account' | 'case' | 'note' | 'evaluate' | 'decide';

/** One connection's round: 20 requests in the ratio of a desk's day (searches and reads first). */
const DEFAULT_ROUND: Endpoint[] = [
  'search',
  'account',
  'case',
  'search',
  'note',
  'search',
  'account',
  'case',
  'evaluate',
  'search',
  'decide',
  'account',
  'case',
  'search',
  'note',
  'search',
  'account',
  'case',
  'evaluate',
  'note',
];
const ENDPOINTS: readonly Endpoint[] = ['search', 'account', 'case', 'note', 'evaluate', 'decide'];

/** BENCH_MIXED_ROUND=search,account,case (another round, to see which endpoint costs what), or the default. */
function roundOf(env: string | undefined): Endpoint[] {
  if (!env) return DEFAULT_ROUND;
  const round = env.split(',').map((e) => e.trim());
  const unknown = round.filter((e) => !ENDPOINTS.includes(e as Endpoint));
  if (unknown.length > 0 || round.length === 0)
    throw new Error(
      `BENCH_MIXED_ROUND: unknown endpoints ${unknown.join(', ')} (known: ${ENDPOINTS.join(', ')})`,
    );
  return round as Endpoint[];
}
const ROUND = roundOf(process.env.BENCH_MIXED_ROUND);

interface Prepared {
  samples: Samples;
  evaluations: Array<{ caseId: string; paymentId: string }>;
  decisions: string[];
  /** The next open request to decide, across the warm-up and the measured run. */
  nextDecision: number;
}

/** Verified refund cases on accounts with a succeeded payment, and open requests a lead may decide. */
async function prepare(db: Kysely<DB>, options: MixedOptions): Promise<Prepared> {
  const samples = await loadSamples(options.databaseUrl, options.sample);
  const stamp = Date.now();
  const cases = await sql<{ case_id: string; payment_id: string }>`
    with picked as (
      select distinct on (p.account_id) p.account_id, p.id as payment_id
      from payments p
      where p.status = 'succeeded' and p.currency = 'EUR' and p.amount_minor - p.refunded_minor >= 5000
      order by p.account_id, p.id
      limit ${options.evaluationCases}
    ), made as (
      insert into cases (id, case_number, account_id, type, channel, mood, status, opened_at, updated_at)
      select 'case_benchmix_' || ${stamp} || '_' || row_number() over (), 'BENCH-M-' || ${stamp} || '-' || row_number() over (),
        account_id, 'refund', 'phone', 'calm', 'open', now(), now()
      from picked
      returning id, account_id
    ), verified as (
      insert into case_verifications (case_id, account_id, subject_type, representative_id, can_cancel,
        can_request_refunds, verified_at, expires_at)
      select id, account_id, 'holder', null, true, true, now(), now() + interval '3 hours' from made
      returning case_id, account_id
    )
    select v.case_id, picked.payment_id from verified v join picked using (account_id)`.execute(db);
  const lead = DEMO_LOGINS.find((l) => l.role === 'lead')!;
  const leadRow = await db
    .selectFrom('staff_users')
    .select('id')
    .where('email', '=', lead.email)
    .executeTakeFirstOrThrow();
  const open = async () =>
    db
      .selectFrom('refund_requests')
      .select('id')
      .where('status', '=', 'pending_approval')
      .where('created_by', '!=', leadRow.id)
      .orderBy('id')
      .limit(options.decisions)
      .execute();
  let decisions = await open();
  if (decisions.length < options.decisions) {
    await addOpenRequests(db, options.decisions - decisions.length);
    decisions = await open();
  }
  return {
    samples,
    evaluations: cases.rows.map((r) => ({ caseId: r.case_id, paymentId: r.payment_id })),
    decisions: decisions.map((r) => r.id),
    nextDecision: 0,
  };
}

interface Tally {
  times: number[];
  s2xx: number;
  s4xx: number;
  s5xx: number;
  /** A few 4xx answers, to see why. */
  samples4xx: string[];
}

interface Sessions {
  agent: { cookie: string; csrf: string };
  lead: { cookie: string; csrf: string };
}

type Ctx = { started?: number };

/** One autocannon run of the mix; answers per-endpoint tallies and the run's totals. */
async function runMix(
  url: string,
  prep: Prepared,
  sessions: Sessions,
  connections: number,
  durationS: number,
) {
  const { samples } = prep;
  const phones = samples.accounts.filter((a) => a.phone);
  const tallies = new Map<Endpoint, Tally>(
    [...new Set(ROUND)].map((e) => [e, { times: [], s2xx: 0, s4xx: 0, s5xx: 0, samples4xx: [] }]),
  );
  const counters = { search: 0, account: 0, case: 0, note: 0, evaluate: 0, decide: 0 };
  const reasons = Object.keys(DEFAULT_POLICY.reasons);
  const json = (session: Sessions['agent'], extra: Record<string, string> = {}) => ({
    cookie: session.cookie,
    'x-csrf-token': session.csrf,
    'content-type': 'application/json',
    ...extra,
  });
  const build = (e: Endpoint): Partial<autocannon.Request> => {
    const i = counters[e]++;
    const at = <T>(list: T[]) => list[i % list.length]!;
    switch (e) {
      case 'search': {
        const a = at(samples.accounts);
        const q = i % 3 === 0 ? a.number : i % 3 === 1 ? (at(phones).phone ?? a.number) : a.name;
        return {
          method: 'GET',
          path: `/api/accounts/search?q=${encodeURIComponent(q)}`,
          headers: { cookie: sessions.agent.cookie },
        };
      }
      case 'account':
        return {
          method: 'GET',
          path: `/api/accounts/${at(samples.accounts).id}`,
          headers: { cookie: sessions.agent.cookie },
        };
      case 'case':
        return {
          method: 'GET',
          path: `/api/cases/${at(samples.cases).id}`,
          headers: { cookie: sessions.agent.cookie },
        };
      case 'note': {
        const c = at(samples.cases);
        return {
          method: 'POST',
          path: '/api/notes',
          headers: json(sessions.agent),
          body: JSON.stringify({
            accountId: c.accountId,
            caseId: c.id,
            contactReason: 'Rückfrage zur Rechnung',
            actionsTaken: 'Rechnung erklärt, Kunde zufrieden.',
          }),
        };
      }
      case 'evaluate': {
        const c = at(prep.evaluations);
        return {
          method: 'POST',
          path: `/api/cases/${c.caseId}/refund-requests`,
          headers: json(sessions.agent, { 'idempotency-key': `bench-mix-${Date.now()}-${i}` }),
          body: JSON.stringify({
            paymentId: c.paymentId,
            reasonCode: reasons[i % reasons.length],
            customerWords: 'Das Produkt hat nicht gehalten, was es versprochen hat.',
            mood: 'calm',
            requestedMinor: 100,
            currency: 'EUR',
          }),
        };
      }
      case 'decide': {
        // each decision on another open request; when they run out the rest answer 4xx (reported)
        // a denial with an alternative: an approval of these varied exceptions often exceeds the
        // lead's approval limit (a 4xx), and would pay out through billing as well
        const id = prep.decisions[prep.nextDecision++ % prep.decisions.length]!;
        return {
          method: 'POST',
          path: `/api/refund-requests/${id}/decision`,
          headers: json(sessions.lead, { 'idempotency-key': `bench-mix-decide-${id}` }),
          body: JSON.stringify({
            action: 'deny',
            note: 'Außerhalb der Richtlinie; wir bieten ein Guthaben an.',
            alternative: { kind: 'store_credit' },
          }),
        };
      }
    }
  };
  const requests = ROUND.map((e, step) => ({
    setupRequest: (req: autocannon.Request, context: object) => {
      (context as Record<string, Ctx>)[step] = { started: performance.now() };
      return { ...req, ...build(e) } as autocannon.Request;
    },
    onResponse: (status: number, body: string, context: object) => {
      const started = (context as Record<string, Ctx>)[step]?.started;
      const t = tallies.get(e)!;
      if (started !== undefined) t.times.push(performance.now() - started);
      if (status >= 500) t.s5xx++;
      else if (status >= 400) {
        t.s4xx++;
        if (t.samples4xx.length < 3) t.samples4xx.push(`${status} ${body.slice(0, 160)}`);
      } else t.s2xx++;
    },
  }));
  const result = await autocannon({ url, connections, duration: durationS, requests });
  return { tallies, result };
}

async function bareRun(url: string, prep: Prepared, connections: number, durationS: number) {
  let i = 0;
  const result = await autocannon({
    url,
    connections,
    duration: durationS,
    requests: [
      {
        method: 'GET',
        setupRequest: (req: autocannon.Request) => ({
          ...req,
          path: `/bare/${prep.samples.accounts[i++ % prep.samples.accounts.length]!.number}`,
        }),
      },
    ],
  });
  return {
    reqPerS: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

export async function runMixedSection(options: MixedOptions) {
  const { db, close } = await openDatabase({ databaseUrl: options.databaseUrl, poolSize: 2 });
  let prep: Prepared;
  let accounts: number;
  try {
    prep = await prepare(db, options);
    accounts = (await sql<{ n: number }>`select count(*)::int as n from accounts`.execute(db)).rows[0]!.n;
  } finally {
    await close();
  }
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: options.databaseUrl,
    KULANZ_SECRET: options.secret,
    NODE_ENV: 'production',
    LOG_LEVEL: options.logLevel,
    KULANZ_OUTBOX_POLL_MS: '60000',
  };
  delete env.KULANZ_DATA_DIR;
  const bare = await startChild('bare', [], ['bench/bare-server.ts'], env, '/bare/none', options.root);
  const app = await startChild(
    'kulanz-mixed',
    options.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.profileDir}`] : [],
    ['src/cli.ts', 'start', '--no-demo'],
    env,
    '/api/health',
    options.root,
  );
  let mix: Awaited<ReturnType<typeof runMix>>;
  const bareRuns: Array<Awaited<ReturnType<typeof bareRun>>> = [];
  try {
    const sessions: Sessions = {
      agent: await logInAs(app.url, 'agent'),
      lead: await logInAs(app.url, 'lead'),
    };
    if (options.warmupS > 0) await bareRun(bare.url, prep, options.connections, options.warmupS);
    bareRuns.push(await bareRun(bare.url, prep, options.connections, options.durationS));
    if (options.warmupS > 0) await runMix(app.url, prep, sessions, options.connections, options.warmupS);
    mix = await runMix(app.url, prep, sessions, options.connections, options.durationS);
    bareRuns.push(await bareRun(bare.url, prep, options.connections, options.durationS));
  } finally {
    await app.stop();
    await bare.stop();
  }
  const bareRate = bareRuns.reduce((s, b) => s + b.reqPerS, 0) / bareRuns.length;
  const duration = mix.result.duration;
  const all = [...mix.tallies.values()].flatMap((t) => t.times).sort((a, b) => a - b);
  const total = { s2xx: 0, s4xx: 0, s5xx: 0 };
  for (const t of mix.tallies.values()) {
    total.s2xx += t.s2xx;
    total.s4xx += t.s4xx;
    total.s5xx += t.s5xx;
  }
  const reqPerS = all.length / duration;
  const share = (reqPerS / bareRate) * 100;
  const where = `PostgreSQL, ${accounts.toLocaleString('en')} accounts, ${options.connections} connections`;
  const shareCheck = check(
    'mixed workload',
    "req/s as a share of the bare route's",
    share,
    '>=',
    MIXED_SHARE_OF_BARE,
    '%',
    where,
  );
  const p99Check = check(
    'mixed workload',
    'p99 over all requests',
    percentile(all, 99),
    '<',
    MIXED_P99_MS,
    'ms',
    where,
  );
  const no5xx = check('mixed workload', '5xx answers', total.s5xx + mix.result.errors, '<', 1, 'x', where);
  const endpoints = [...mix.tallies].map(([e, t]) => {
    const s = [...t.times].sort((a, b) => a - b);
    return {
      endpoint: e,
      share: ROUND.filter((r) => r === e).length / ROUND.length,
      requests: s.length,
      reqPerS: s.length / duration,
      p50: percentile(s, 50),
      p99: percentile(s, 99),
      s2xx: t.s2xx,
      s4xx: t.s4xx,
      s5xx: t.s5xx,
      samples4xx: t.samples4xx,
    };
  });
  const label: Record<Endpoint, string> = {
    search: 'search (number, phone, name)',
    account: 'open account GET /api/accounts/:id',
    case: 'open case GET /api/cases/:id',
    note: 'write note POST /api/notes',
    evaluate: 'evaluate refund POST /api/cases/:id/refund-requests',
    decide: 'decide POST /api/refund-requests/:id/decision (lead)',
  };
  out();
  out(
    `Mixed workload on ${where}: autocannon ${options.durationS} s after ${options.warmupS} s warm-up, each connection ` +
      `repeating ${ROUND.length} requests; ${prep.decisions.length.toLocaleString('en')} open requests prepared, ` +
      `${prep.nextDecision.toLocaleString('en')} decided (warm-up included)` +
      (prep.nextDecision > prep.decisions.length ? ' — RAN OUT, raise BENCH_MIXED_DECISIONS' : '') +
      '; bare route before and after',
  );
  table(
    ['endpoint', 'share', 'requests', 'req/s', 'p50 ms', 'p99 ms', '2xx', '4xx', '5xx'],
    [
      ...endpoints.map((r) => [
        label[r.endpoint],
        `${Math.round(r.share * 100)}%`,
        String(r.requests),
        r.reqPerS.toFixed(0),
        ms(r.p50),
        ms(r.p99),
        String(r.s2xx),
        String(r.s4xx),
        String(r.s5xx),
      ]),
      [
        'all',
        '100%',
        String(all.length),
        reqPerS.toFixed(0),
        ms(percentile(all, 50)),
        ms(percentile(all, 99)),
        String(total.s2xx),
        String(total.s4xx),
        String(total.s5xx),
      ],
      ...bareRuns.map((b, i) => [
        `bare route (${i === 0 ? 'before' : 'after'})`,
        '',
        '',
        b.reqPerS.toFixed(0),
        String(b.p50),
        String(b.p99),
        '',
        String(b.non2xx),
        '',
      ]),
    ],
  );
  out(
    `share of the bare route (${bareRate.toFixed(0)} req/s): ${share.toFixed(1)} % — ${verdict(shareCheck)}`,
  );
  out(`p99 over all requests: ${ms(percentile(all, 99))} ms — ${verdict(p99Check)}`);
  out(`5xx and connection errors: ${total.s5xx} + ${mix.result.errors} — ${no5xx.pass ? 'none' : 'FAILED'}`);
  for (const r of endpoints) for (const s of r.samples4xx) out(`  4xx on ${r.endpoint}: ${s}`);
  return {
    accounts,
    connections: options.connections,
    durationS: options.durationS,
    reqPerS,
    p50: percentile(all, 50),
    p99: percentile(all, 99),
    bareReqPerS: bareRate,
    shareOfBare: share,
    bare: bareRuns,
    endpoints,
    totals: { ...total, errors: mix.result.errors, timeouts: mix.result.timeouts },
    decisionsPrepared: prep.decisions.length,
    decisionsUsed: prep.nextDecision,
    failed: !no5xx.pass,
  };
}
