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
import { type Kysely, sql } from 'kysely';
import { openDatabase } from '../src/db/database';
import type { DB } from '../src/db/schema';
import { Rng } from '../src/demo/prng';
import { DEMO_LOGINS } from '../src/demo/seed-demo';
import { otherPhoneNotation } from './callers';
import { agentApp } from './in-process';
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

export interface Samples {
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
  bareReqPerS: number;
  cpu: { serverUs: number; dbUs: number; clientUs: number };
  quietReqPerS: number;
  quietShareOfBare: number;
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

export function freePort(): Promise<number> {
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

export interface Child {
  url: string;
  pid: number;
  /** Its database connections' application_name (PGAPPNAME), to find their backends. */
  applicationName: string;
  stop(): Promise<void>;
}

/** Starts a server as its own process (its output goes to a log file) and waits until probe answers. */
export async function startChild(
  name: string,
  nodeArgs: string[],
  args: string[],
  env: NodeJS.ProcessEnv,
  probe: string,
  root: string,
): Promise<Child> {
  const port = await freePort();
  const applicationName = `kulanz-bench-${name}-${process.pid}`;
  const logFile = join(root, 'bench', 'results', `${name}.log`);
  const fd = openSync(logFile, 'w');
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', ...args], {
    cwd: root,
    env: { ...env, PORT: String(port), HOST: '127.0.0.1', PGAPPNAME: applicationName },
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
    pid: child.pid!,
    applicationName,
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

/** Logs in as a demo user (the agent by default); answers the session cookie, and the CSRF token writes send. */
export async function logInAs(
  url: string,
  role: 'agent' | 'lead' | 'admin' = 'agent',
): Promise<{ cookie: string; csrf: string }> {
  const agent = DEMO_LOGINS.find((l) => l.role === role)!;
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
  const csrf = String(((await res.json()) as { csrfToken?: string }).csrfToken ?? '');
  return { cookie, csrf };
}

async function logIn(url: string): Promise<string> {
  return (await logInAs(url)).cookie;
}

// ---- the inputs ---------------------------------------------------------------------------------

export async function loadSamples(databaseUrl: string, n: number): Promise<Samples> {
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
  const counts = new Map<string, number[]>();
  const { app, cookie } = await agentApp(database.db, options.secret);
  try {
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

// ---- CPU per request ----------------------------------------------------------------------------
//
// The machine is shared, so req/s moves with whatever else runs. CPU time per request does not (or
// far less): the kulanz (or bare) process from /proc, its PostgreSQL backends (found by their
// application_name) from /proc too, and autocannon's own from process.cpuUsage().

const TICK_US = 10_000; // /proc/<pid>/stat counts in clock ticks of 10 ms (CLK_TCK 100)

function ticksOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]); // utime + stime
  } catch {
    return null;
  }
}

async function backendPids(admin: Kysely<DB>, applicationName: string): Promise<number[]> {
  const r = await sql<{ pid: number }>`
    select pid from pg_stat_activity where application_name = ${applicationName}`.execute(admin);
  return r.rows.map((row) => row.pid);
}

interface CpuMark {
  server: number;
  db: Map<number, number>;
  client: NodeJS.CpuUsage;
}

async function cpuMark(admin: Kysely<DB>, server: Child): Promise<CpuMark> {
  const db = new Map<number, number>();
  for (const pid of await backendPids(admin, server.applicationName)) {
    const t = ticksOf(pid);
    if (t !== null) db.set(pid, t);
  }
  return { server: ticksOf(server.pid) ?? 0, db, client: process.cpuUsage() };
}

/** CPU µs per request since the mark: the server process, its database backends, the load generator. */
async function cpuSince(admin: Kysely<DB>, server: Child, mark: CpuMark, requests: number) {
  const now = await cpuMark(admin, server);
  let db = 0;
  // a backend that started during the run counts from zero; one that ended is lost (pools keep them)
  for (const [pid, t] of now.db) db += t - (mark.db.get(pid) ?? 0);
  const client = process.cpuUsage(mark.client);
  const per = (us: number) => us / Math.max(1, requests);
  return {
    serverUs: per((now.server - mark.server) * TICK_US),
    dbUs: per(db * TICK_US),
    clientUs: per(client.user + client.system),
  };
}

type Cpu = Awaited<ReturnType<typeof cpuSince>>;

/**
 * Requests/s this machine would serve with nothing else running, from the CPU each request costs:
 * limited by all cores together, and by each single-threaded process (the server, autocannon).
 */
function quietRate(cpu: Cpu, cores: number): number {
  const total = cpu.serverUs + cpu.dbUs + cpu.clientUs;
  return Math.min((cores * 1e6) / total, 1e6 / cpu.serverUs, 1e6 / cpu.clientUs);
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
const pct = (v: number) => `${Math.round(v * 100)}%`;

type Run = Measured & { loadBefore: number[]; cpu: Cpu; quietReqPerS: number };

export async function runThroughput(options: ThroughputOptions) {
  const { root, databaseUrl, connections, durationS, warmupS } = options;
  const samples = await loadSamples(databaseUrl, options.sample);
  if (samples.accounts.length === 0 || samples.cases.length === 0)
    throw new Error('the throughput section needs a seeded database (accounts and cases)');
  const admin = await openDatabase({ databaseUrl, poolSize: 1 });
  const counted = await sql<{ n: number }>`select count(*)::int as n from accounts`.execute(admin.db);
  const accountCount = counted.rows[0]!.n;
  const cores = cpus().length;
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
      `${durationS} s per route after ${warmupS} s warm-up, the bare route before and after each; ` +
      `${samples.accounts.length.toLocaleString('en')} accounts and ${samples.cases.length.toLocaleString('en')} cases cycled; ` +
      `${cores} cores, load ${fmtLoad(loadavg())}`,
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
  const bareRuns: Run[] = [];
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
    const measure = async (def: RouteDef): Promise<Run> => {
      const server = def.bare ? bare : app;
      if (warmupS > 0) await cannon(server.url, cookie, def, samples, connections, warmupS);
      const loadBefore = loadavg();
      const mark = await cpuMark(admin.db, server);
      const m = await cannon(server.url, cookie, def, samples, connections, durationS);
      const cpu = await cpuSince(admin.db, server, mark, m.requests);
      return { ...m, loadBefore, cpu, quietReqPerS: quietRate(cpu, cores) };
    };
    // the bare route before and after each route: the machine is shared, and each route is
    // compared with the ceiling of the same minute
    bareRuns.push(await measure(bareDef));
    for (const def of appDefs) {
      const m = await measure(def);
      bareRuns.push(await measure(bareDef));
      const [before, after] = bareRuns.slice(-2) as [Run, Run];
      const bareRate = (before.reqPerS + after.reqPerS) / 2;
      const bareQuiet = (before.quietReqPerS + after.quietReqPerS) / 2;
      const pages = def.paths.length;
      const times = [...m.pageTimes].sort((a, b) => a - b);
      const each = roundTrips.get(def.key) ?? [];
      results.push({
        key: def.key,
        label: def.label,
        requestsPerPage: pages,
        reqPerS: m.reqPerS,
        pagesPerS: pages > 1 ? m.reqPerS / pages : null,
        bareReqPerS: bareRate,
        shareOfBare: m.reqPerS / bareRate,
        cpu: m.cpu,
        quietReqPerS: m.quietReqPerS,
        quietShareOfBare: m.quietReqPerS / bareQuiet,
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
    await admin.close();
  }

  const cpuCell = (c: Cpu) => `${Math.round(c.serverUs)} + ${Math.round(c.dbUs)}`;
  const bareRates = bareRuns.map((b) => b.reqPerS);
  const rows = [
    [
      `bare route (${bareRuns.length} runs: min–max)`,
      `${fmtInt(Math.min(...bareRates))}–${fmtInt(Math.max(...bareRates))}`,
      '',
      `${Math.min(...bareRuns.map((b) => b.p50))}–${Math.max(...bareRuns.map((b) => b.p50))} / ${Math.min(...bareRuns.map((b) => b.p99))}–${Math.max(...bareRuns.map((b) => b.p99))}`,
      '1',
      cpuCell(bareRuns[0]!.cpu),
      '',
      bareRuns.some((b) => b.non2xx + b.errors) ? 'non-2xx or errors' : '',
    ],
    ...results.map((r) => [
      r.label,
      fmtInt(r.reqPerS),
      pct(r.shareOfBare),
      `${r.p50} / ${r.p99}`,
      r.roundTripsEach.length > 1
        ? `${r.roundTrips} (${r.roundTripsEach.join('+')})`
        : String(r.roundTrips ?? '?'),
      cpuCell(r.cpu),
      pct(r.quietShareOfBare),
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
  table(['route', 'req/s', 'of bare', 'p50 / p99 ms', 'round trips', 'CPU µs/req', 'by CPU', 'note'], rows);
  out(
    '(of bare: of the bare route measured just before and after; round trips: statements one request sends, the session already remembered (KULANZ_SESSION_CACHE_MS);',
  );
  out(
    ' CPU µs/req: server process + its PostgreSQL backends; by CPU: the share a quiet machine would show, from the CPU per request;',
  );
  out(` load now ${fmtLoad(loadavg())})`);
  return {
    accounts: accountCount,
    connections,
    durationS,
    warmupS,
    logLevel: options.logLevel,
    cores,
    bare: bareRuns.map((b) => ({
      reqPerS: b.reqPerS,
      p50: b.p50,
      p99: b.p99,
      requests: b.requests,
      non2xx: b.non2xx,
      errors: b.errors,
      cpu: b.cpu,
      quietReqPerS: b.quietReqPerS,
      loadBefore: b.loadBefore,
    })),
    routes: results,
  };
}
