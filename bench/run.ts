// `npm run bench`: the seed (1M accounts, two years of desk history) on PostgreSQL, lookup latency,
// the dashboard queries, the policy simulator over 100k requests, the exceptions queue, the hot
// paths' throughput and a mixed workload against the machine's ceiling, PGlite at 100k accounts,
// and start time on PGlite; every figure with a target (issue 11) checked, PASS/MISS and by how much.
//
//   npm run bench
//   BENCH_ONLY=seed BENCH_KEEP_DB=1 npm run bench                (seed once, time per part)
//   BENCH_ONLY=lookup,dashboard,simulator BENCH_REUSE_DB=1 BENCH_KEEP_DB=1 npm run bench
//   BENCH_ONLY=mixed BENCH_REUSE_DB=1 BENCH_KEEP_DB=1 npm run bench     (reads and writes at 50 connections)
//   BENCH_ONLY=pglite BENCH_PGLITE_ACCOUNTS=100000 npm run bench         (own temporary PGlite folder)
//   BENCH_ONLY=throughput BENCH_KEEP_DB=1 npm run bench         (seeds 200,000 accounts, keeps them)
//   BENCH_ONLY=throughput BENCH_REUSE_DB=1 npm run bench        (measures again on the kept database)
//   BENCH_ONLY=policy                                          (refund evaluations/s, no database)
//   BENCH_ONLY=queue BENCH_REUSE_DB=1 BENCH_KEEP_DB=1 npm run bench   (the exceptions queue at 100k open requests)
//   BENCH_ONLY=cancel                                          (a whole cancellation through the API, PGlite and PostgreSQL)
//   BENCH_ONLY=lookup,start / BENCH_SKIP_START=1 / BENCH_SKIP_LOOKUP=1 / BENCH_SKIP_THROUGHPUT=1
//   BENCH_ACCOUNTS (1,000,000; 200,000 with BENCH_ONLY=throughput) BENCH_DATABASE_URL BENCH_QUERIES=200
//   BENCH_HISTORY=1 BENCH_DASHBOARD_RUNS=5 BENCH_SIMULATOR_REQUESTS=100000 BENCH_SIMULATOR_RUNS=3
//   BENCH_PGLITE_ACCOUNTS=100000 BENCH_PGLITE_DIR BENCH_MIXED_DURATION BENCH_MIXED_DECISIONS=5000 BENCH_MIXED_CASES=2000
//   BENCH_CONNECTIONS=50 BENCH_DURATION=10 BENCH_WARMUP=2 BENCH_SAMPLE=5000 BENCH_ROUTES=number,case
//   BENCH_LOG_LEVEL=info BENCH_PROFILE=/tmp/prof (CPU profile of the app)
//   BENCH_POLICY_FACTS=2000 BENCH_POLICY_SECONDS=3 BENCH_QUEUE_REQUESTS=100000
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { openDatabase } from '../src/db/database';
import { migrateToLatest } from '../src/db/migrate';
import { ensureServerSecret } from '../src/platform/server-secret';
import { runCancellationBench } from './cancellation';
import { runDashboardSection } from './dashboard';
import { runLookupSection } from './lookup';
import { runMixedSection } from './mixed';
import { runPgliteSection } from './pglite';
import { runPolicyBench } from './policy';
import { runQueueBench } from './queue';
import { checks, lines, out, printTargets, queryCapture, table } from './report';
import { runSeed } from './seed';
import { runSimulatorSection } from './simulator';
import { runThroughput } from './throughput';

const ROOT = join(import.meta.dirname, '..');
const URL_ = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/kulanz_bench';
/** The sections to run: policy, lookup, queue, throughput, start (BENCH_ONLY=a,b); the BENCH_SKIP_* switches still work. */
const ONLY = (
  process.env.BENCH_ONLY ?? 'policy,cancel,lookup,dashboard,simulator,queue,throughput,mixed,pglite,start'
)
  .split(',')
  .map((s) => s.trim());
const RUN = {
  seed: ONLY.includes('seed'),
  policy: ONLY.includes('policy'),
  cancel: ONLY.includes('cancel'),
  queue: ONLY.includes('queue'),
  dashboard: ONLY.includes('dashboard'),
  simulator: ONLY.includes('simulator'),
  mixed: ONLY.includes('mixed'),
  pglite: ONLY.includes('pglite'),
  lookup: ONLY.includes('lookup') && !process.env.BENCH_SKIP_LOOKUP,
  throughput: ONLY.includes('throughput') && !process.env.BENCH_SKIP_THROUGHPUT,
  start: ONLY.includes('start') && !process.env.BENCH_SKIP_START,
};
/** Accounts to seed: the figures for the throughput section were taken at 200,000. */
const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? (RUN.throughput && !RUN.lookup ? 200_000 : 1_000_000));
/** Runs per dashboard query (after one warm-up). */
const DASHBOARD_RUNS = Number(process.env.BENCH_DASHBOARD_RUNS ?? 5);
/** Two years of desk history in the PostgreSQL seed (BENCH_HISTORY=0 leaves it out). */
const HISTORY = process.env.BENCH_HISTORY !== '0';
/** Accounts in the database measured (the seeded count, or what a reused database holds). */
let accountsInDb = ACCOUNTS;
const RESULTS_DIR = join(ROOT, 'bench', 'results');
const QUERIES = Number(process.env.BENCH_QUERIES ?? 200);
const SECRET = 'bench-secret-0123456789abcdef0123456789abcdef';
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
  const capture = queryCapture();
  /** Sections whose measurement is invalid (5xx answers): the run exits with 2. */
  const failed: string[] = [];
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
  if (RUN.seed || RUN.lookup || RUN.dashboard || RUN.simulator || RUN.throughput || RUN.queue || RUN.mixed) {
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
    const database = await openDatabase({ databaseUrl: URL_, poolSize: 4, log: capture.log });
    await migrateToLatest(database.db);
    await ensureServerSecret(database.db, SECRET);
    if (!reuse)
      report.seed = await runSeed(database.db, {
        accounts: ACCOUNTS,
        history: HISTORY,
        secret: SECRET,
        parallel: 2,
        database: 'PostgreSQL',
      });
    const counted = await sql<{ n: number }>`select count(*)::int as n from accounts`.execute(database.db);
    accountsInDb = counted.rows[0]!.n;
    if (reuse) {
      const size = await sql<{ s: string }>`
        select pg_size_pretty(pg_database_size(current_database())) as s`.execute(database.db);
      out();
      out(
        `Seed skipped: reusing ${dbName} (${accountsInDb.toLocaleString('en')} accounts, ${size.rows[0]!.s}) from an earlier run`,
      );
    }
    if (RUN.lookup)
      report.lookup = await runLookupSection({
        db: database.db,
        capture,
        secret: SECRET,
        queries: QUERIES,
        database: 'PostgreSQL',
        sqlToo: true,
      });
    if (RUN.dashboard)
      report.dashboard = await runDashboardSection({
        db: database.db,
        capture,
        secret: SECRET,
        runs: DASHBOARD_RUNS,
        targetMs: 300,
        database: 'PostgreSQL',
        accounts: accountsInDb,
      });
    if (RUN.simulator)
      report.simulator = await runSimulatorSection({
        db: database.db,
        capture,
        secret: SECRET,
        requests: Number(process.env.BENCH_SIMULATOR_REQUESTS ?? 100_000),
        runs: Number(process.env.BENCH_SIMULATOR_RUNS ?? 3),
        database: 'PostgreSQL',
      });
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
    if (RUN.mixed) {
      const mixed = await runMixedSection({
        root: ROOT,
        databaseUrl: URL_,
        secret: SECRET,
        connections: Number(process.env.BENCH_CONNECTIONS ?? 50),
        durationS: Number(process.env.BENCH_MIXED_DURATION ?? process.env.BENCH_DURATION ?? 10),
        warmupS: Number(process.env.BENCH_WARMUP ?? 2),
        sample: Number(process.env.BENCH_SAMPLE ?? 5000),
        logLevel: process.env.BENCH_LOG_LEVEL ?? 'info',
        decisions: Number(process.env.BENCH_MIXED_DECISIONS ?? 5000),
        evaluationCases: Number(process.env.BENCH_MIXED_CASES ?? 2000),
        profileDir: process.env.BENCH_PROFILE,
      });
      report.mixed = mixed;
      if (mixed.failed) failed.push('mixed (5xx answers or connection errors)');
    }
    if (!process.env.BENCH_KEEP_DB) await sql.raw(`drop database if exists ${dbName}`).execute(admin.db);
    await admin.close();
  }
  if (RUN.pglite)
    report.pglite = await runPgliteSection({
      accounts: Number(process.env.BENCH_PGLITE_ACCOUNTS ?? 100_000),
      history: HISTORY,
      secret: SECRET,
      queries: QUERIES,
      dashboardRuns: DASHBOARD_RUNS,
      dataDir: process.env.BENCH_PGLITE_DIR,
    });
  if (RUN.start) await startSection();
  printTargets();
  report.targets = checks;
  report.failed = failed;
  report.output = lines;
  const file = join(RESULTS_DIR, `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  out();
  out(`Written: ${file}`);
  if (failed.length > 0) {
    console.error(`Failed sections: ${failed.join('; ')}`);
    process.exitCode = 2;
  }
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
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
