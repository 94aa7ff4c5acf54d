// The PGlite section of `npm run bench`: the embedded database a single desk starts with, at
// BENCH_PGLITE_ACCOUNTS (100,000) accounts and (BENCH_HISTORY, default on) two years of history,
// in a data folder on disk: the seed, the lookups (target p99 < 20 ms) and the dashboard queries
// (target < 1 s), the same code as the PostgreSQL sections. The folder is a temporary one and
// removed afterwards, unless BENCH_PGLITE_DIR names one to keep (a folder that already holds
// accounts is measured again without seeding).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { openDatabase } from '../src/db/database';
import { migrateToLatest } from '../src/db/migrate';
import { ensureServerSecret } from '../src/platform/server-secret';
import { runDashboardSection } from './dashboard';
import { runLookupSection } from './lookup';
import { out, queryCapture } from './report';
import { runSeed } from './seed';

export interface PgliteBenchOptions {
  accounts: number;
  history: boolean;
  secret: string;
  queries: number;
  dashboardRuns: number;
  /** A data folder to keep (and reuse when it holds accounts); default a temporary one. */
  dataDir?: string;
}

/** The target for a dashboard query on PGlite. */
export const PGLITE_DASHBOARD_TARGET_MS = 1000;

export async function runPgliteSection(options: PgliteBenchOptions) {
  const dir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'kulanz-bench-pglite-'));
  const capture = queryCapture();
  const database = await openDatabase({ dataDir: dir, log: capture.log });
  try {
    await migrateToLatest(database.db);
    await ensureServerSecret(database.db, options.secret);
    const existing = await sql<{ n: number }>`select count(*)::int as n from accounts`.execute(database.db);
    out();
    out(`PGlite (embedded, data folder ${dir})`);
    let seed: Awaited<ReturnType<typeof runSeed>> | null = null;
    if (existing.rows[0]!.n === 0)
      seed = await runSeed(database.db, {
        accounts: options.accounts,
        history: options.history,
        secret: options.secret,
        parallel: 1,
        database: 'PGlite',
        fullSize: 100_000,
      });
    else out(`Seed skipped: ${existing.rows[0]!.n.toLocaleString('en')} accounts already in ${dir}`);
    const lookup = await runLookupSection({
      db: database.db,
      capture,
      secret: options.secret,
      queries: options.queries,
      database: 'PGlite',
    });
    const accounts = lookup.accounts;
    const dashboard = await runDashboardSection({
      db: database.db,
      capture,
      secret: options.secret,
      runs: options.dashboardRuns,
      targetMs: PGLITE_DASHBOARD_TARGET_MS,
      database: 'PGlite',
      accounts,
    });
    return { dataDir: options.dataDir ?? null, seed, lookup, dashboard };
  } finally {
    await database.close();
    if (!options.dataDir) rmSync(dir, { recursive: true, force: true });
  }
}
