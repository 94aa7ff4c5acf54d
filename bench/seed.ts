// The seed of `npm run bench`: the demo accounts and, with BENCH_HISTORY (default on for
// PostgreSQL), two years of desk history (refund requests with their evaluations and decisions,
// cancellations with their offers, surveys). Prints where the time goes per part, rows/s, the
// largest tables, peak memory, and what that extrapolates to at 1M accounts.
import { type Kysely, sql } from 'kysely';
import type { DB } from '../src/db/schema';
import { type SeedResult, seedDemoData } from '../src/demo/seed-demo';
import { out, table } from './report';

export interface SeedOptions {
  accounts: number;
  history: boolean;
  secret: string;
  /** Batches written at once (PostgreSQL: 2; PGlite: 1). */
  parallel: number;
  /** Which database, for the heading. */
  database: string;
  /** Extrapolate to this many accounts (1,000,000). */
  fullSize?: number;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const int = (v: number) => Math.round(v).toLocaleString('en');

export async function runSeed(db: Kysely<DB>, options: SeedOptions) {
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 250);
  let seeded: SeedResult;
  try {
    seeded = await seedDemoData(db, {
      accounts: options.accounts,
      secret: options.secret,
      parallel: options.parallel,
      history: options.history,
      log: (l) => console.log(l),
    });
  } finally {
    clearInterval(sampler);
  }
  const size = await sql<{ s: string }>`
    select pg_size_pretty(pg_database_size(current_database())) as s`.execute(db);
  const { parts } = seeded;
  const rate = seeded.rows / (seeded.ms / 1000);
  const full = options.fullSize ?? 1_000_000;
  const scale = full / options.accounts;
  out();
  out(
    `Seed on ${options.database}: ${int(options.accounts)} accounts${options.history ? ' with two years of desk history' : ' (no history: BENCH_HISTORY=0)'}`,
  );
  table(
    ['accounts', 'rows', 'time', 'rows/s', 'accounts/s', 'db size', 'peak RSS', `at ${int(full)} (linear)`],
    [
      [
        int(options.accounts),
        int(seeded.rows),
        seconds(seeded.ms),
        int(rate),
        int(options.accounts / (seeded.ms / 1000)),
        size.rows[0]!.s,
        `${Math.round(peakRss / 1e6)} MB`,
        `~${Math.round((seeded.ms * scale) / 60_000)} min, ${((seeded.rows * scale) / 1e6).toFixed(1)} M rows`,
      ],
    ],
  );
  const history = (k: string) => k.startsWith('history.');
  const rowsOf = (pred: (k: string) => boolean) =>
    Object.entries(parts.rowsByTable)
      .filter(([k]) => pred(k))
      .reduce((n, [, v]) => n + v, 0);
  out();
  out(
    options.database === 'PGlite'
      ? 'Seed time per part (PGlite runs in this process: its inserts also run in the pauses of the generate loop, which therefore holds part of them)'
      : 'Seed time per part (generating runs while the previous batches are written; inserts are summed connection time)',
  );
  table(
    ['part', 'time', 'rows', 'rows/s'],
    [
      ['generate accounts (this process)', seconds(parts.generateMs), int(rowsOf((k) => !history(k))), ''],
      ['generate history (this process)', seconds(parts.historyGenerateMs), int(rowsOf(history)), ''],
      [
        'insert accounts (connection time)',
        seconds(parts.insertMs),
        int(rowsOf((k) => !history(k))),
        int(rowsOf((k) => !history(k)) / (parts.insertMs / 1000)),
      ],
      [
        'insert history (connection time)',
        seconds(parts.historyInsertMs),
        int(rowsOf(history)),
        parts.historyInsertMs > 0 ? int(rowsOf(history) / (parts.historyInsertMs / 1000)) : '',
      ],
      ['wait for the last batches', seconds(parts.drainMs), '', ''],
      ['build the deferred indexes', seconds(parts.indexMs), '', ''],
      ['project the dashboard’s events', seconds(parts.projectMs), '', ''],
      ['offer counters, audit entry, ANALYZE', seconds(parts.finishMs), '', ''],
    ],
  );
  const largest = Object.entries(parts.rowsByTable)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1]);
  out(`rows per batch key: ${largest.map(([k, n]) => `${k} ${int(n)}`).join(', ')}`);
  return {
    database: options.database,
    accounts: options.accounts,
    history: options.history,
    rows: seeded.rows,
    ms: seeded.ms,
    rowsPerS: rate,
    size: size.rows[0]!.s,
    peakRssMb: Math.round(peakRss / 1e6),
    extrapolated: { accounts: full, minutes: (seeded.ms * scale) / 60_000, rows: seeded.rows * scale },
    parts,
  };
}
