// `npm run bench`: seed time and lookup latency at scale on PostgreSQL, the throughput of the
// desk's hot paths against the machine's ceiling, and start time on PGlite.
//
//   npm run bench
//   BENCH_ONLY=throughput BENCH_KEEP_DB=1 npm run bench         (seeds 200,000 accounts, keeps them)
//   BENCH_ONLY=throughput BENCH_REUSE_DB=1 npm run bench        (measures again on the kept database)
//   BENCH_ONLY=policy                                          (refund evaluations/s, no database)
//   BENCH_ONLY=queue BENCH_REUSE_DB=1 BENCH_KEEP_DB=1 npm run bench   (the exceptions queue at 100k open requests)
//   BENCH_ONLY=cancel                                          (a whole cancellation through the API, PGlite and PostgreSQL)
//   BENCH_ONLY=lookup,start / BENCH_SKIP_START=1 / BENCH_SKIP_LOOKUP=1 / BENCH_SKIP_THROUGHPUT=1
//   BENCH_ACCOUNTS (1,000,000; 200,000 with BENCH_ONLY=throughput) BENCH_DATABASE_URL BENCH_QUERIES=200
//   BENCH_CONNECTIONS=50 BENCH_DURATION=10 BENCH_WARMUP=2 BENCH_SAMPLE=5000 BENCH_ROUTES=number,case
//   BENCH_LOG_LEVEL=info BENCH_PROFILE=/tmp/prof (CPU profile of the app) BENCH_SEARCH_URL=/api/accounts/search?q=%s
//   BENCH_POLICY_FACTS=2000 BENCH_POLICY_SECONDS=3 BENCH_QUEUE_REQUESTS=100000
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { openDatabase } from '../src/db/database';
import { migrateToLatest } from '../src/db/migrate';
import { demoIdentity } from '../src/demo/generate-demo';
import { Rng } from '../src/demo/prng';
import { DEFAULT_DEMO_SEED, seedDemoData } from '../src/demo/seed-demo';
import { foldName, normalizeEmail, normalizePhone } from '../src/platform/normalize';
import { ensureServerSecret } from '../src/platform/server-secret';
import { otherPhoneNotation, typo } from './callers';
import { runCancellationBench } from './cancellation';
import { agentApp } from './in-process';
import { runPolicyBench } from './policy';
import { runQueueBench } from './queue';
import { lines, ms, out, percentile, table } from './report';
import { runThroughput } from './throughput';

const ROOT = join(import.meta.dirname, '..');
const URL_ = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/kulanz_bench';
/** The sections to run: policy, lookup, queue, throughput, start (BENCH_ONLY=a,b); the BENCH_SKIP_* switches still work. */
const ONLY = (process.env.BENCH_ONLY ?? 'policy,cancel,lookup,queue,throughput,start')
  .split(',')
  .map((s) => s.trim());
const RUN = {
  policy: ONLY.includes('policy'),
  cancel: ONLY.includes('cancel'),
  queue: ONLY.includes('queue'),
  lookup: ONLY.includes('lookup') && !process.env.BENCH_SKIP_LOOKUP,
  throughput: ONLY.includes('throughput') && !process.env.BENCH_SKIP_THROUGHPUT,
  start: ONLY.includes('start') && !process.env.BENCH_SKIP_START,
};
/** Accounts to seed: the figures for the throughput section were taken at 200,000. */
const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? (RUN.throughput && !RUN.lookup ? 200_000 : 1_000_000));
/** Accounts in the database measured (the seeded count, or what a reused database holds). */
let accountsInDb = ACCOUNTS;
const RESULTS_DIR = join(ROOT, 'bench', 'results');
const QUERIES = Number(process.env.BENCH_QUERIES ?? 200);
const SECRET = 'bench-secret-0123456789abcdef0123456789abcdef';
interface Target {
  kind: string;
  query: string;
  accountNumber: string;
  /** For name lookups: the folded name; a namesake in the results counts as found (the agent then asks for the postal code). */
  name?: string;
}

function targets(n: number): Target[] {
  const rng = new Rng(4711);
  const list: Target[] = [];
  for (let q = 0; q < n; q++) {
    const id = demoIdentity(rng.int(0, accountsInDb - 1), DEFAULT_DEMO_SEED);
    const fullName = `${id.firstName} ${id.lastName}`;
    list.push({ kind: 'account number', query: id.accountNumber, accountNumber: id.accountNumber });
    if (id.phone) {
      const e164 = normalizePhone(id.phone)!;
      list.push({
        kind: 'phone (other notation)',
        query: otherPhoneNotation(e164, rng),
        accountNumber: id.accountNumber,
      });
    }
    if (id.email)
      list.push({
        kind: 'e-mail (other case)',
        query: id.email.toUpperCase(),
        accountNumber: id.accountNumber,
      });
    // umlauts spelled out, as an agent types what they hear: Müller -> Mueller
    const name = foldName(fullName);
    list.push({ kind: 'name', query: name, accountNumber: id.accountNumber, name });
    list.push({ kind: 'name with typo', query: typo(fullName, rng), accountNumber: id.accountNumber, name });
  }
  return list;
}

// ---- lookups -----------------------------------------------------------------------------

type Runner = (t: Target) => Promise<boolean>;

function sqlRunner(db: Awaited<ReturnType<typeof openDatabase>>['db'], threshold: number): Runner {
  return async (t) => {
    let rows: Array<{ account_number: string; search_name?: string }>;
    if (t.kind === 'account number') {
      rows = await db
        .selectFrom('accounts')
        .select('account_number')
        .where('account_number', '=', t.query.toUpperCase())
        .execute();
    } else if (t.kind.startsWith('phone')) {
      const e164 = normalizePhone(t.query);
      rows = e164
        ? await db
            .selectFrom('accounts')
            .select('account_number')
            .where('phone_e164', '=', e164)
            .limit(20)
            .execute()
        : [];
    } else if (t.kind.startsWith('e-mail')) {
      rows = await db
        .selectFrom('accounts')
        .select('account_number')
        .where('email_normalized', '=', normalizeEmail(t.query))
        .limit(20)
        .execute();
    } else {
      const folded = foldName(t.query);
      // set_limit sets pg_trgm.similarity_threshold for this session, which the % operator uses
      const r = await db.connection().execute(async (conn) => {
        await sql`select set_limit(${threshold}::real)`.execute(conn);
        return sql<{ account_number: string; search_name: string }>`
          select account_number, search_name from accounts
          where search_name % ${folded}
          order by similarity(search_name, ${folded}) desc, account_number
          limit 20`.execute(conn);
      });
      rows = r.rows;
    }
    return rows.some((r) => r.account_number === t.accountNumber || (t.name && r.search_name === t.name));
  };
}

async function apiRunner(db: Awaited<ReturnType<typeof openDatabase>>['db']) {
  const { app, cookie } = await agentApp(db, SECRET);
  const candidates = process.env.BENCH_SEARCH_URL
    ? [process.env.BENCH_SEARCH_URL]
    : ['/api/accounts/search?q=%s', '/api/accounts?q=%s', '/api/search?q=%s'];
  const probe = demoIdentity(0).accountNumber;
  for (const template of candidates) {
    const res = await app.inject({
      method: 'GET',
      url: template.replace('%s', encodeURIComponent(probe)),
      headers: { cookie },
    });
    if (res.statusCode === 200 && res.body.includes(probe)) {
      const run: Runner = async (t) => {
        const r = await app.inject({
          method: 'GET',
          url: template.replace('%s', encodeURIComponent(t.query)),
          headers: { cookie },
        });
        if (r.statusCode !== 200) return false;
        if (r.body.includes(t.accountNumber)) return true;
        return Boolean(t.name && foldName(r.body).includes(t.name));
      };
      /** Opens the account view of an account found by its number; resolves to the view's time in ms. */
      const view = async (accountNumber: string): Promise<number | null> => {
        const hit = await app.inject({
          method: 'GET',
          url: template.replace('%s', encodeURIComponent(accountNumber)),
          headers: { cookie },
        });
        const id = hit.json().items?.[0]?.id as string | undefined;
        if (!id) return null;
        const started = performance.now();
        const r = await app.inject({ method: 'GET', url: `/api/accounts/${id}`, headers: { cookie } });
        const took = performance.now() - started;
        return r.statusCode === 200 ? took : null;
      };
      return { app, run, view, template };
    }
  }
  await app.close();
  return null;
}

async function measure(label: string, run: Runner, list: Target[]) {
  for (const t of list.slice(0, 20)) await run(t); // warm the caches and the JIT
  const byKind = new Map<string, { times: number[]; found: number }>();
  for (const t of list) {
    const started = performance.now();
    const found = await run(t);
    const took = performance.now() - started;
    const entry = byKind.get(t.kind) ?? { times: [], found: 0 };
    entry.times.push(took);
    if (found) entry.found++;
    byKind.set(t.kind, entry);
  }
  out();
  out(`Lookup latency in ms at ${accountsInDb.toLocaleString('en')} accounts: ${label}`);
  table(
    ['lookup', 'queries', 'found', 'p50', 'p95', 'p99', 'max'],
    [...byKind].map(([kind, { times, found }]) => {
      const s = [...times].sort((a, b) => a - b);
      return [
        kind,
        String(s.length),
        `${Math.round((found / s.length) * 100)}%`,
        ms(percentile(s, 50)),
        ms(percentile(s, 95)),
        ms(percentile(s, 99)),
        ms(s[s.length - 1]!),
      ];
    }),
  );
}

// ---- start time on PGlite ----------------------------------------------------------------

async function timeStart(dataDir: string): Promise<{ ms: number; output: string }> {
  const started = performance.now();
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', KULANZ_DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'src/cli.ts'), 'start'],
    {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`start did not print its URL in 180 s:\n${output}`)),
      180_000,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /running at (http:\/\/\S+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`start exited with ${code}:\n${output}`)));
  });
  for (;;) {
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  const took = performance.now() - started;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
  return { ms: took, output };
}

// ---- main --------------------------------------------------------------------------------

async function main() {
  out(
    `kulanz benchmark  ${new Date().toISOString()}  node ${process.version}  load ${loadavg()
      .map((v) => v.toFixed(2))
      .join(' ')}`,
  );
  const report: Record<string, unknown> = { startedAt: new Date().toISOString(), node: process.version };
  if (RUN.policy)
    report.policy = runPolicyBench({
      facts: Number(process.env.BENCH_POLICY_FACTS ?? 2000),
      durationS: Number(process.env.BENCH_POLICY_SECONDS ?? 3),
    });
  if (RUN.cancel)
    report.cancellation = await runCancellationBench({
      secret: SECRET,
      postgresUrl: URL_,
      accounts: Number(process.env.BENCH_CANCEL_ACCOUNTS ?? 2000),
      flows: Number(process.env.BENCH_CANCEL_FLOWS ?? 200),
    });
  if (RUN.lookup || RUN.throughput || RUN.queue) {
    const dbName = new URL(URL_).pathname.slice(1);
    const adminUrl = new URL(URL_);
    adminUrl.pathname = '/postgres';
    const admin = await openDatabase({ databaseUrl: adminUrl.toString(), poolSize: 1 });
    const version = await sql<{ v: string }>`select current_setting('server_version') as v`.execute(admin.db);
    out(`PostgreSQL ${version.rows[0]!.v}: ${URL_.replace(/\/\/[^@]*@/, '//')}`);
    // BENCH_REUSE_DB=1 measures again on the database a previous run kept (BENCH_KEEP_DB=1)
    const reuse = Boolean(process.env.BENCH_REUSE_DB);
    if (!reuse) {
      await sql.raw(`drop database if exists ${dbName}`).execute(admin.db);
      await sql.raw(`create database ${dbName}`).execute(admin.db);
    }
    const database = await openDatabase({ databaseUrl: URL_, poolSize: 4 });
    await migrateToLatest(database.db);
    await ensureServerSecret(database.db, SECRET);
    const seeded = reuse
      ? { accounts: ACCOUNTS, rows: Number.NaN, ms: Number.NaN }
      : await seedDemoData(database.db, {
          accounts: ACCOUNTS,
          secret: SECRET,
          parallel: 2,
          log: (l) => console.log(l),
        });
    const counted = await sql<{ n: number }>`select count(*)::int as n from accounts`.execute(database.db);
    accountsInDb = counted.rows[0]!.n;
    const size = await sql<{
      s: string;
    }>`select pg_size_pretty(pg_database_size(current_database())) as s`.execute(database.db);
    out();
    out(
      reuse
        ? `Seed skipped: reusing ${dbName} (${accountsInDb.toLocaleString('en')} accounts, ${size.rows[0]!.s}) from an earlier run`
        : 'Seed on PostgreSQL (generate + bulk insert + analyze)',
    );
    if (!reuse) {
      report.seed = { accounts: ACCOUNTS, rows: seeded.rows, ms: seeded.ms, size: size.rows[0]!.s };
      table(
        ['accounts', 'rows', 'time', 'rows/s', 'accounts/s', 'db size'],
        [
          [
            ACCOUNTS.toLocaleString('en'),
            seeded.rows.toLocaleString('en'),
            `${(seeded.ms / 1000).toFixed(1)} s`,
            Math.round(seeded.rows / (seeded.ms / 1000)).toLocaleString('en'),
            Math.round(ACCOUNTS / (seeded.ms / 1000)).toLocaleString('en'),
            size.rows[0]!.s,
          ],
        ],
      );
    }
    if (RUN.lookup) await lookupSection(database.db);
    if (RUN.queue)
      report.queue = await runQueueBench(database.db, {
        secret: SECRET,
        requests: Number(process.env.BENCH_QUEUE_REQUESTS ?? 100_000),
        queries: QUERIES,
      });
    await database.close();
    if (RUN.throughput) {
      report.throughput = await runThroughput({
        root: ROOT,
        databaseUrl: URL_,
        secret: SECRET,
        connections: Number(process.env.BENCH_CONNECTIONS ?? 50),
        durationS: Number(process.env.BENCH_DURATION ?? 10),
        warmupS: Number(process.env.BENCH_WARMUP ?? 2),
        sample: Number(process.env.BENCH_SAMPLE ?? 5000),
        routes: process.env.BENCH_ROUTES?.split(',').map((r) => r.trim()),
        logLevel: process.env.BENCH_LOG_LEVEL ?? 'info',
        profileDir: process.env.BENCH_PROFILE,
      });
    }
    if (!process.env.BENCH_KEEP_DB) await sql.raw(`drop database if exists ${dbName}`).execute(admin.db);
    await admin.close();
  }
  if (RUN.start) await startSection();
  report.output = lines;
  const file = join(RESULTS_DIR, `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  out();
  out(`Written: ${file}`);
}

async function lookupSection(db: Awaited<ReturnType<typeof openDatabase>>['db']) {
  const list = targets(QUERIES);
  const api = await apiRunner(db);
  if (api) {
    await measure(
      `through the HTTP API (app.inject GET ${api.template.replace('%s', '…')}, agent session)`,
      api.run,
      list,
    );
    // the account view is what an agent opens on every call: holder, subscriptions, money, notes
    const views: number[] = [];
    const numbers = list.filter((t) => t.kind === 'account number').map((t) => t.accountNumber);
    for (const n of numbers.slice(0, 20)) await api.view(n); // warm up
    for (const n of numbers) {
      const took = await api.view(n);
      if (took !== null) views.push(took);
    }
    views.sort((a, b) => a - b);
    out();
    out(
      `Account view in ms at ${accountsInDb.toLocaleString('en')} accounts (app.inject GET /api/accounts/:id, agent session)`,
    );
    table(
      ['view', 'opened', 'p50', 'p95', 'p99', 'max'],
      [
        [
          'account view',
          `${views.length}/${numbers.length}`,
          ms(percentile(views, 50)),
          ms(percentile(views, 95)),
          ms(percentile(views, 99)),
          ms(views[views.length - 1] ?? 0),
        ],
      ],
    );
    await api.app.close();
  } else {
    out();
    out('(no account search route answered yet: measuring the SQL the lookup runs instead)');
  }
  // names: the trigram scan over every account this SQL runner does was replaced by the word
  // dictionary (migration 0022), and without its index it only measures a full scan; the API
  // figures above are the lookup's
  await measure(
    'SQL on the indexes (account_number, phone_e164, email_normalized)',
    sqlRunner(db, 0.3),
    list.filter((t) => !t.name),
  );
}

async function startSection() {
  const dir = mkdtempSync(join(tmpdir(), 'kulanz-bench-'));
  try {
    const first = await timeStart(dir);
    const again = await timeStart(dir);
    const loaded = /Loaded demo data: (\d+) accounts in ([\d.]+) s/.exec(first.output);
    out();
    out('Start on PGlite (spawn `tsx src/cli.ts start` until GET /api/health answers 200)');
    table(
      ['start', 'time to first 200', 'note'],
      [
        [
          'fresh data folder',
          `${(first.ms / 1000).toFixed(1)} s`,
          loaded
            ? `initdb + migrations + ${loaded[1]} demo accounts (${loaded[2]} s)`
            : 'initdb + migrations',
        ],
        ['restart (same folder)', `${(again.ms / 1000).toFixed(1)} s`, 'data kept, no seed'],
      ],
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

mkdirSync(RESULTS_DIR, { recursive: true });
main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
