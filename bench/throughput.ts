// The throughput section of `npm run bench`: the desk's hot paths under load (autocannon, 50
// connections) against the running kulanz app on PostgreSQL, and in the same run a bare Fastify
// route doing one indexed point select on the same database — the machine's ceiling. Each route
// is reported as a share of that ceiling, with the database round trips one request costs.
import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { buildApp } from '../src/app';
import { loadConfig } from '../src/config';
import { openDatabase } from '../src/db/database';
import { Rng } from '../src/db/seed/prng';
import { DEMO_LOGINS } from '../src/db/seed/seed-demo';
import { systemClock } from '../src/platform/clock';
import { otherPhoneNotation } from './callers';
import { out, percentile, table } from './report';

export interface ThroughputOptions {
  root: string;
  databaseUrl: string;
  secret: string;
  connections: number;
  durationS: number;
  warmupS: number;
  /** Distinct accounts and cases the requests cycle through. */
  sample: number;
  /** Only the routes whose key contains one of these (BENCH_ROUTES=number,case). */
  routes?: string[];
  /** The app's LOG_LEVEL (production logs every request at info). */
  logLevel: string;
  /** A folder for a CPU profile of the kulanz process (node --cpu-prof), written when it stops. */
  profileDir?: string;
}

interface Samples {
  accounts: Array<{ id: string; number: string; phone: string | null; name: string }>;
  cases: Array<{ id: string; accountId: string }>;
}

/** One request of a route, built from the i-th sample. */
type PathOf = (s: Samples, i: number) => string;

interface RouteDef {
  key: string;
  label: string;
  /** One path, or a sequence: the requests of a page, sent one after another on a connection. */
  paths: PathOf[];
  /** Whose ceiling this is (the bare route); not counted against the app. */
  bare?: boolean;
}

export interface RouteResult {
  key: string;
  label: string;
  requestsPerPage: number;
  reqPerS: number;
  pagesPerS: number | null;
  shareOfBare: number;
  p50: number;
  p99: number;
  pageP50: number | null;
  pageP99: number | null;
  requests: number;
  non2xx: number;
  errors: number;
  roundTrips: number | null;
  roundTripsEach: number[];
  loadBefore: number[];
}

const at = <T>(list: T[], i: number): T => list[i % list.length]!;
const withPhone = (s: Samples) => s.accounts.filter((a) => a.phone);
const q = (v: string) => `/api/accounts/search?q=${encodeURIComponent(v)}`;

/** The requests the case page sends when an agent opens a case (web/src/features/cases/CasePage.tsx and its panels). */
const CASE_PAGE: Array<[string, PathOf]> = [
  ['case', (s, i) => `/api/cases/${at(s.cases, i).id}`],
  ['account notes', (s, i) => `/api/accounts/${at(s.cases, i).accountId}/notes`],
  ['verification', (s, i) => `/api/cases/${at(s.cases, i).id}/verification`],
  ['messages', (s, i) => `/api/cases/${at(s.cases, i).id}/messages`],
  ['surveys', (s, i) => `/api/cases/${at(s.cases, i).id}/surveys`],
  ['timeline', (s, i) => `/api/cases/${at(s.cases, i).id}/timeline`],
  ['staff', () => '/api/staff'],
];

function routeDefs(phones: (s: Samples) => Array<{ phone: string | null }>): RouteDef[] {
  return [
    {
      key: 'bare',
      label: 'bare Fastify + pg: one indexed select by account number',
      paths: [(s, i) => `/bare/${at(s.accounts, i).number}`],
      bare: true,
    },
    { key: 'number', label: 'search by account number', paths: [(s, i) => q(at(s.accounts, i).number)] },
    {
      key: 'phone',
      label: 'search by phone (other notation)',
      paths: [(s, i) => q(at(phones(s), i).phone!)],
    },
    { key: 'name', label: 'search by name', paths: [(s, i) => q(at(s.accounts, i).name)] },
    {
      key: 'account',
      label: 'account view GET /api/accounts/:id',
      paths: [(s, i) => `/api/accounts/${at(s.accounts, i).id}`],
    },
    { key: 'case', label: 'case view GET /api/cases/:id', paths: [CASE_PAGE[0]![1]] },
    {
      key: 'casepage',
      label: `case page: ${CASE_PAGE.length} requests in a row per open`,
      paths: CASE_PAGE.map(([, p]) => p),
    },
  ];
}

// ---- child processes --------------------------------------------------------------------------

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

interface Child {
  url: string;
  stop(): Promise<void>;
}

/** Starts a server as its own process (its output goes to a log file) and waits until probe answers. */
async function startChild(
  name: string,
  nodeArgs: string[],
  args: string[],
  env: NodeJS.ProcessEnv,
  probe: string,
  root: string,
): Promise<Child> {
  const port = await freePort();
  const logFile = join(root, 'bench', 'results', `${name}.log`);
  const fd = openSync(logFile, 'w');
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', ...args], {
    cwd: root,
    env: { ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (exited) throw new Error(`${name} exited while starting:\n${readFileSync(logFile, 'utf8')}`);
    if (Date.now() > deadline) throw new Error(`${name} did not answer in 120 s (log: ${logFile})`);
    try {
      await fetch(`${url}${probe}`);
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    url,
    stop: async () => {
      if (exited) return;
      const gone = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await gone;
      clearTimeout(timer);
    },
  };
}

async function logIn(url: string): Promise<string> {
  const agent = DEMO_LOGINS.find((l) => l.role === 'agent')!;
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: agent.email, password: agent.password }),
  });
  if (res.status !== 200)
    throw new Error(`login as ${agent.email} failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith('kulanz_session='));
  if (!cookie) throw new Error('login set no session cookie');
  return cookie;
}

// ---- the inputs ---------------------------------------------------------------------------------

async function loadSamples(databaseUrl: string, n: number): Promise<Samples> {
  const { db, close } = await openDatabase({ databaseUrl, poolSize: 1 });
  try {
    // a fixed seed: two runs on the same database send the same requests
    await sql`select setseed(0.4711)`.execute(db);
    const accounts = await sql<{
      id: string;
      account_number: string;
      phone_e164: string | null;
      first_name: string;
      last_name: string;
    }>`select id, account_number, phone_e164, first_name, last_name from accounts order by random() limit ${n}`.execute(
      db,
    );
    const cases = await sql<{ id: string; account_id: string }>`
      select id, account_id from cases order by random() limit ${n}`.execute(db);
    const rng = new Rng(4711);
    return {
      accounts: accounts.rows.map((a) => ({
        id: a.id,
        number: a.account_number,
        phone: a.phone_e164 ? otherPhoneNotation(a.phone_e164, rng) : null,
        name: `${a.first_name} ${a.last_name}`,
      })),
      cases: cases.rows.map((c) => ({ id: c.id, accountId: c.account_id })),
    };
  } finally {
    await close();
  }
}

// ---- round trips ----------------------------------------------------------------------------------

/** Database statements one request sends: the app in this process on a driver that counts (one request per path, after one warm-up). */
async function countRoundTrips(
  options: ThroughputOptions,
  defs: RouteDef[],
  samples: Samples,
): Promise<Map<string, number[]>> {
  let statements = 0;
  const database = await openDatabase({
    databaseUrl: options.databaseUrl,
    poolSize: 4,
    log: () => {
      statements++;
    },
  });
  const app = await buildApp({
    db: database.db,
    clock: systemClock,
    config: { ...loadConfig({ NODE_ENV: 'production' }), secret: options.secret },
    secret: options.secret,
    webDist: '/nonexistent',
  });
  const counts = new Map<string, number[]>();
  try {
    await app.ready();
    const agent = DEMO_LOGINS.find((l) => l.role === 'agent')!;
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: agent.email, password: agent.password },
    });
    const cookie = String(login.headers['set-cookie'] ?? '').split(';')[0]!;
    for (const def of defs) {
      if (def.bare) {
        counts.set(def.key, [1]);
        continue;
      }
      const each: number[] = [];
      for (const path of def.paths) {
        const url = path(samples, 1);
        await app.inject({ method: 'GET', url, headers: { cookie } });
        statements = 0;
        const res = await app.inject({ method: 'GET', url, headers: { cookie } });
        if (res.statusCode !== 200) throw new Error(`GET ${url} answered ${res.statusCode}: ${res.body}`);
        each.push(statements);
      }
      counts.set(def.key, each);
    }
  } finally {
    await app.close();
    await database.close();
  }
  return counts;
}

// ---- load ------------------------------------------------------------------------------------------

interface Measured {
  reqPerS: number;
  p50: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
  pageTimes: number[];
}

async function cannon(
  url: string,
  cookie: string,
  def: RouteDef,
  samples: Samples,
  connections: number,
  durationS: number,
): Promise<Measured> {
  let next = 0;
  const pageTimes: number[] = [];
  type Ctx = { i?: number; started?: number };
  const last = def.paths.length - 1;
  const requests = def.paths.map((path, step) => ({
    method: 'GET' as const,
    setupRequest: (req: autocannon.Request, context: object) => {
      const ctx = context as Ctx;
      if (step === 0) {
        ctx.i = next++;
        ctx.started = performance.now();
      }
      return { ...req, path: path(samples, ctx.i ?? 0) };
    },
    ...(step === last && last > 0
      ? {
          onResponse: (_status: number, _body: string, context: object) => {
            const ctx = context as Ctx;
            if (ctx.started !== undefined) pageTimes.push(performance.now() - ctx.started);
          },
        }
      : {}),
  }));
  const result = await autocannon({
    url,
    connections,
    duration: durationS,
    headers: { cookie },
    requests,
  });
  return {
    reqPerS: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    pageTimes,
  };
}

// ---- the section -------------------------------------------------------------------------------

const fmtInt = (v: number) => Math.round(v).toLocaleString('en');
const fmtLoad = (l: number[]) => l.map((v) => v.toFixed(2)).join(' ');

export async function runThroughput(options: ThroughputOptions) {
  const { root, databaseUrl, connections, durationS, warmupS } = options;
  const samples = await loadSamples(databaseUrl, options.sample);
  if (samples.accounts.length === 0 || samples.cases.length === 0)
    throw new Error('the throughput section needs a seeded database (accounts and cases)');
  const accountCount = await (async () => {
    const { db, close } = await openDatabase({ databaseUrl, poolSize: 1 });
    try {
      const r = await sql<{ n: number }>`select count(*)::int as n from accounts`.execute(db);
      return r.rows[0]!.n;
    } finally {
      await close();
    }
  })();
  const phones = withPhone(samples);
  const all = routeDefs(() => phones);
  const wanted = options.routes?.length
    ? all.filter((d) => d.bare || options.routes!.some((r) => d.key.includes(r)))
    : all;
  const bareDef = all.find((d) => d.bare)!;
  const appDefs = wanted.filter((d) => !d.bare);

  out();
  out(
    `Throughput at ${accountCount.toLocaleString('en')} accounts on PostgreSQL: autocannon, ${connections} connections, ` +
      `${durationS} s per route after ${warmupS} s warm-up; ${samples.accounts.length.toLocaleString('en')} accounts and ` +
      `${samples.cases.length.toLocaleString('en')} cases cycled; ${cpus().length} cores, load ${fmtLoad(loadavg())}`,
  );
  const roundTrips = await countRoundTrips(options, wanted, samples);

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    KULANZ_SECRET: options.secret,
    NODE_ENV: 'production',
    LOG_LEVEL: options.logLevel,
    KULANZ_OUTBOX_POLL_MS: '60000',
  };
  delete env.KULANZ_DATA_DIR;
  const bare = await startChild('bare', [], ['bench/bare-server.ts'], env, '/bare/none', root);
  const profile = options.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.profileDir}`] : [];
  const app = await startChild(
    'kulanz',
    profile,
    ['src/cli.ts', 'start', '--no-demo'],
    env,
    '/api/health',
    root,
  );
  const results: RouteResult[] = [];
  const bareRuns: Array<Measured & { loadBefore: number[] }> = [];
  try {
    const cookie = await logIn(app.url);
    for (const def of appDefs) {
      for (const path of def.paths) {
        const res = await fetch(`${app.url}${path(samples, 0)}`, { headers: { cookie } });
        if (res.status !== 200)
          throw new Error(
            `${def.label}: GET ${path(samples, 0)} answered ${res.status}: ${await res.text()}`,
          );
      }
    }
    const measure = async (def: RouteDef) => {
      const url = def.bare ? bare.url : app.url;
      if (warmupS > 0) await cannon(url, cookie, def, samples, connections, warmupS);
      const loadBefore = loadavg();
      const m = await cannon(url, cookie, def, samples, connections, durationS);
      return { ...m, loadBefore };
    };
    // the ceiling before and after: the machine is shared, so its spread is part of the result
    bareRuns.push(await measure(bareDef));
    const measured: Array<[RouteDef, Measured & { loadBefore: number[] }]> = [];
    for (const def of appDefs) measured.push([def, await measure(def)]);
    bareRuns.push(await measure(bareDef));
    const bareRate = bareRuns.reduce((s, r) => s + r.reqPerS, 0) / bareRuns.length;
    for (const [def, m] of measured) {
      const pages = def.paths.length;
      const times = [...m.pageTimes].sort((a, b) => a - b);
      const each = roundTrips.get(def.key) ?? [];
      results.push({
        key: def.key,
        label: def.label,
        requestsPerPage: pages,
        reqPerS: m.reqPerS,
        pagesPerS: pages > 1 ? m.reqPerS / pages : null,
        shareOfBare: m.reqPerS / bareRate,
        p50: m.p50,
        p99: m.p99,
        pageP50: pages > 1 ? percentile(times, 50) : null,
        pageP99: pages > 1 ? percentile(times, 99) : null,
        requests: m.requests,
        non2xx: m.non2xx,
        errors: m.errors,
        roundTrips: each.length ? each.reduce((s, n) => s + n, 0) : null,
        roundTripsEach: each,
        loadBefore: m.loadBefore,
      });
    }
  } finally {
    await app.stop();
    await bare.stop();
  }

  const bareRate = bareRuns.reduce((s, r) => s + r.reqPerS, 0) / bareRuns.length;
  const rows = [
    ...bareRuns.map((b, i) => [
      `bare route (${i === 0 ? 'first' : 'last'})`,
      fmtInt(b.reqPerS),
      `${Math.round((b.reqPerS / bareRate) * 100)}%`,
      `${b.p50} / ${b.p99}`,
      '1',
      b.non2xx + b.errors ? `${b.non2xx} non-2xx, ${b.errors} errors` : '',
    ]),
    ...results.map((r) => [
      r.label,
      fmtInt(r.reqPerS),
      `${Math.round(r.shareOfBare * 100)}%`,
      `${r.p50} / ${r.p99}`,
      r.roundTripsEach.length > 1
        ? `${r.roundTrips} (${r.roundTripsEach.join('+')})`
        : String(r.roundTrips ?? '?'),
      [
        r.pagesPerS !== null
          ? `${fmtInt(r.pagesPerS)} opens/s, open p50 / p99 ${Math.round(r.pageP50!)} / ${Math.round(r.pageP99!)} ms`
          : '',
        r.non2xx + r.errors ? `${r.non2xx} non-2xx, ${r.errors} errors` : '',
      ]
        .filter(Boolean)
        .join('; '),
    ]),
  ];
  out();
  table(['route', 'req/s', 'of bare', 'p50 / p99 ms', 'round trips', 'note'], rows);
  out(
    `(share of bare: of the mean of the two bare runs, ${fmtInt(bareRate)} req/s; round trips: statements sent to the database by one request, session check included; load now ${fmtLoad(loadavg())})`,
  );
  return {
    accounts: accountCount,
    connections,
    durationS,
    warmupS,
    logLevel: options.logLevel,
    cores: cpus().length,
    bare: bareRuns.map((b) => ({
      reqPerS: b.reqPerS,
      p50: b.p50,
      p99: b.p99,
      requests: b.requests,
      non2xx: b.non2xx,
      errors: b.errors,
      loadBefore: b.loadBefore,
    })),
    bareMeanReqPerS: bareRate,
    routes: results,
  };
}
