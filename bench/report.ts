// What every bench section prints with: lines to the console (kept for the JSON file), tables, the
// targets each measured figure is checked against, and the query plans behind a missed target.
import { CompiledQuery, type Kysely, type LogEvent } from 'kysely';

export const lines: string[] = [];

export function out(line = ''): void {
  lines.push(line);
  console.log(line);
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export const ms = (v: number) => (v < 10 ? v.toFixed(2) : v.toFixed(1));

/** p50 / p99 / max of a list of times, sorted on the way. */
export function stats(times: number[]) {
  const s = [...times].sort((a, b) => a - b);
  return {
    n: s.length,
    p50: percentile(s, 50),
    p95: percentile(s, 95),
    p99: percentile(s, 99),
    max: s[s.length - 1] ?? Number.NaN,
  };
}

/** A plain-text table: the first column left-aligned, the others right-aligned. */
export function table(head: string[], rows: string[][]): void {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const fmt = (r: string[]) =>
    r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  out(fmt(head));
  out(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) out(fmt(r));
}

// ---- targets ---------------------------------------------------------------------------------

export type Unit = 'ms' | '%' | 's' | 'x';

export interface TargetCheck {
  section: string;
  what: string;
  value: number;
  op: '<' | '>=';
  limit: number;
  unit: Unit;
  pass: boolean;
  /** How far from the limit: positive is headroom (PASS), negative is the shortfall (MISS), in `unit`. */
  margin: number;
  /** The margin as a share of the limit. */
  marginShare: number;
  /** Where the figure was measured (database, size), for the summary. */
  context?: string;
  /** EXPLAIN (ANALYZE, BUFFERS) of the statement behind a MISS. */
  plan?: string;
}

/** Every target checked in this run, in order: printed at the end and written to the JSON file. */
export const checks: TargetCheck[] = [];

const fmtValue = (v: number, unit: Unit) =>
  unit === 'ms'
    ? `${ms(v)} ms`
    : unit === '%'
      ? `${v.toFixed(1)} %`
      : unit === 's'
        ? `${v.toFixed(2)} s`
        : `${v.toFixed(2)}×`;

/** Checks a figure against its target and remembers the result. */
export function check(
  section: string,
  what: string,
  value: number,
  op: '<' | '>=',
  limit: number,
  unit: Unit,
  context?: string,
): TargetCheck {
  const pass = Number.isFinite(value) && (op === '<' ? value < limit : value >= limit);
  const margin = op === '<' ? limit - value : value - limit;
  const c: TargetCheck = {
    section,
    what,
    value,
    op,
    limit,
    unit,
    pass,
    margin,
    marginShare: margin / limit,
    ...(context ? { context } : {}),
  };
  checks.push(c);
  return c;
}

/** "PASS by 4.1 ms" / "MISS by 9.3 ms (+47 %)": the cell a section's table shows for a check. */
export function verdict(c: TargetCheck): string {
  if (!Number.isFinite(c.value)) return 'MISS (not measured)';
  const by = fmtValue(Math.abs(c.margin), c.unit);
  const share = `${Math.round(Math.abs(c.marginShare) * 100)} %`;
  return c.pass ? `PASS by ${by}` : `MISS by ${by} (${share} of the target)`;
}

export const targetText = (c: Pick<TargetCheck, 'op' | 'limit' | 'unit'>) =>
  `${c.op === '<' ? '<' : '≥'} ${fmtValue(c.limit, c.unit)}`;

/** The summary at the end of a run: every target, PASS or MISS and by how much. */
export function printTargets(): void {
  if (checks.length === 0) return;
  out();
  const missed = checks.filter((c) => !c.pass).length;
  out(`Targets (issue 11): ${checks.length - missed} of ${checks.length} met`);
  table(
    ['section', 'figure', 'measured', 'target', 'result', 'where'],
    checks.map((c) => [
      c.section,
      c.what,
      Number.isFinite(c.value) ? fmtValue(c.value, c.unit) : '—',
      targetText(c),
      verdict(c),
      c.context ?? '',
    ]),
  );
}

// ---- query capture and plans -------------------------------------------------------------------

export interface CapturedQuery {
  sql: string;
  parameters: readonly unknown[];
  ms: number;
}

/**
 * A Kysely log hook for the bench process only: while `record` runs, every statement sent is kept
 * with its parameters and time, so the statements behind the slowest request can be explained.
 */
export function queryCapture() {
  let current: CapturedQuery[] | null = null;
  return {
    log: (event: LogEvent) => {
      if (current && event.level === 'query')
        current.push({
          sql: event.query.sql,
          parameters: event.query.parameters,
          ms: event.queryDurationMillis,
        });
    },
    /** Runs `fn` and answers what it sent; not for concurrent use. */
    async record<T>(fn: () => Promise<T>): Promise<{ result: T; queries: CapturedQuery[] }> {
      const queries: CapturedQuery[] = [];
      current = queries;
      try {
        return { result: await fn(), queries };
      } finally {
        current = null;
      }
    },
  };
}

const isRead = (q: CapturedQuery) =>
  /^\s*(with|select)\b/i.test(q.sql) && !/set_config|set_limit/i.test(q.sql);

class Rollback extends Error {}

/** PREPARE outlives a rollback: every generic plan gets a name of its own, deallocated after. */
let generics = 0;

/** A parameter as an SQL literal, for EXECUTE of the generic plan (EXECUTE takes no bind parameters). */
function literal(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  const quote = (t: string) => `'${t.replace(/'/g, "''")}'`;
  if (v instanceof Date) return quote(v.toISOString());
  if (Array.isArray(v))
    return quote(
      `{${v.map((e) => (e === null ? 'NULL' : `"${String(e instanceof Date ? e.toISOString() : e).replace(/[\\"]/g, (c) => `\\${c}`)}"`)).join(',')}}`,
    );
  if (typeof v === 'object') return quote(JSON.stringify(v));
  return quote(String(v));
}

/**
 * EXPLAIN (ANALYZE, BUFFERS) of the slowest reading statement among `queries`, replayed in one
 * transaction in their order (so a `set_config` before it, such as the name search's similarity
 * threshold, applies as it did), then rolled back. Answers the plan with the statement above it.
 */
export async function explainSlowest<D>(db: Kysely<D>, queries: CapturedQuery[]): Promise<string> {
  const reads = queries.filter(isRead);
  if (reads.length === 0) return '(no reading statement captured)';
  const slowest = reads.reduce((a, b) => (b.ms > a.ms ? b : a));
  const plan: string[] = [];
  const generic: string[] = [];
  try {
    await db.transaction().execute(async (trx) => {
      for (const q of queries) {
        if (q === slowest) {
          const r = await trx.executeQuery<Record<string, string>>(
            CompiledQuery.raw(`explain (analyze, buffers) ${q.sql}`, [...q.parameters]),
          );
          for (const row of r.rows) plan.push(String(Object.values(row)[0]));
          // the app sends named prepared statements (DATABASE_PREPARED_STATEMENTS), which PostgreSQL
          // may run with a generic plan after five executions: that plan can differ (and be slower)
          if (q.parameters.length > 0) {
            try {
              await trx.executeQuery(CompiledQuery.raw('set local plan_cache_mode = force_generic_plan', []));
              const name = `bench_generic_plan_${++generics}`;
              await trx.executeQuery(CompiledQuery.raw(`prepare ${name} as ${q.sql}`, []));
              const g = await trx.executeQuery<Record<string, string>>(
                CompiledQuery.raw(
                  `explain (analyze, buffers) execute ${name}(${q.parameters.map(literal).join(', ')})`,
                  [],
                ),
              );
              for (const row of g.rows) generic.push(String(Object.values(row)[0]));
              await trx.executeQuery(CompiledQuery.raw(`deallocate ${name}`, []));
            } catch (error) {
              generic.push(`(no generic plan: ${(error as Error).message})`);
            }
          }
          break;
        }
        // only what shapes the slowest one: the session settings before it
        if (/set_config|set_limit/i.test(q.sql))
          await trx.executeQuery(CompiledQuery.raw(q.sql, [...q.parameters]));
      }
      throw new Rollback();
    });
  } catch (error) {
    if (!(error instanceof Rollback)) return `(explain failed: ${(error as Error).message})`;
  }
  const params = JSON.stringify(slowest.parameters).slice(0, 400);
  return [
    `statement (${ms(slowest.ms)} ms when measured, ${reads.length} reads in the request):`,
    slowest.sql.replace(/\s+/g, ' ').trim(),
    `parameters: ${params}`,
    'custom plan (the parameters known when planning):',
    ...plan,
    ...(generic.length > 0
      ? ['generic plan (plan_cache_mode = force_generic_plan, as a prepared statement may run):', ...generic]
      : []),
  ].join('\n');
}

/** Prints a plan under a MISS and keeps it with the check. */
export function attachPlan(c: TargetCheck, plan: string): void {
  c.plan = plan;
  out();
  out(`EXPLAIN (ANALYZE, BUFFERS) behind: ${c.section} — ${c.what} ${verdict(c)}`);
  for (const l of plan.split('\n')) out(`  ${l}`);
}
