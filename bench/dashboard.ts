// The dashboard section of `npm run bench`: every query behind the insights dashboard at full
// size, through the app in this process as a lead (app.inject, so the response is validated as
// it is in production): the default 90 days, two full years by month, each filter, the drilldown's
// first page and the CSV export. Each p50 / p99 over BENCH_DASHBOARD_RUNS runs after one warm-up,
// checked against the target (PostgreSQL < 300 ms, PGlite < 1 s); a MISS prints the plan of the
// slowest statement of its slowest run.
import type { Kysely } from 'kysely';
import type { DB } from '../src/db/schema';
import { HIGH_REFUND_CHANNEL, SPIKE } from '../src/demo/generate-history';
import { addDays, businessDate } from '../src/platform/clock';
import { agentApp } from './in-process';
import {
  attachPlan,
  type CapturedQuery,
  check,
  explainSlowest,
  ms,
  out,
  type queryCapture,
  stats,
  table,
  verdict,
} from './report';

export interface DashboardBenchOptions {
  db: Kysely<DB>;
  capture: ReturnType<typeof queryCapture>;
  secret: string;
  runs: number;
  /** The target for every query, in ms (PostgreSQL 300, PGlite 1,000). */
  targetMs: number;
  database: string;
  accounts: number;
}

export async function runDashboardSection(options: DashboardBenchOptions) {
  const { db, capture } = options;
  const today = businessDate(new Date(), 'Europe/Berlin');
  // two years and a leap day at most (DASHBOARD_MAX_DAYS): the whole demo history
  const twoYears = `from=${addDays(today, -730)}&to=${today}`;
  const views: Array<[string, string]> = [
    ['default: last 90 days by week', '/api/insights/dashboard'],
    ['two years by month', `/api/insights/dashboard?${twoYears}&grain=month`],
    ['two years, plan BASIC-M', `/api/insights/dashboard?${twoYears}&grain=month&plan=BASIC-M`],
    [
      `two years, channel ${HIGH_REFUND_CHANNEL}`,
      `/api/insights/dashboard?${twoYears}&grain=month&channel=${HIGH_REFUND_CHANNEL}`,
    ],
    [
      `two years, reason ${SPIKE.reasonCode}`,
      `/api/insights/dashboard?${twoYears}&grain=month&reason=${SPIKE.reasonCode}`,
    ],
    ['drilldown: first page (50 cases, two years)', `/api/insights/dashboard/cases?${twoYears}&limit=50`],
    [
      'drilldown: first page of a bar (reason, two years)',
      `/api/insights/dashboard/cases?${twoYears}&dimension=reason&key=${SPIKE.reasonCode}&limit=50`,
    ],
    ['CSV export: timeline, two years', `/api/insights/dashboard.csv?${twoYears}&grain=month&view=timeline`],
  ];
  const { app, cookie } = await agentApp(db, options.secret, 'lead');
  const rows: Array<{
    label: string;
    url: string;
    p50: number;
    p99: number;
    max: number;
    bytes: number;
    slowest: CapturedQuery[];
  }> = [];
  try {
    for (const [label, url] of views) {
      const get = () => app.inject({ method: 'GET', url, headers: { cookie } });
      const warm = await get();
      if (warm.statusCode !== 200)
        throw new Error(`GET ${url} answered ${warm.statusCode}: ${warm.body.slice(0, 300)}`);
      const times: number[] = [];
      let slowest: CapturedQuery[] = [];
      let worst = -1;
      for (let i = 0; i < options.runs; i++) {
        const started = performance.now();
        const { result, queries } = await capture.record(get);
        const took = performance.now() - started;
        if (result.statusCode !== 200) throw new Error(`GET ${url} answered ${result.statusCode}`);
        times.push(took);
        if (took > worst) {
          worst = took;
          slowest = queries;
        }
      }
      const s = stats(times);
      rows.push({ label, url, p50: s.p50, p99: s.p99, max: s.max, bytes: warm.rawPayload.length, slowest });
    }
  } finally {
    await app.close();
  }
  const where = `${options.database}, ${options.accounts.toLocaleString('en')} accounts`;
  const section = `dashboard (${options.database})`;
  const checked = rows.map((r) =>
    check(section, `${r.label} p99`, r.p99, '<', options.targetMs, 'ms', where),
  );
  out();
  out(
    `Dashboard on ${where}: app.inject as the demo lead, ${options.runs} runs per row after one warm-up (today ${today})`,
  );
  table(
    ['query', 'p50 ms', 'p99 ms', 'answer', `p99 < ${options.targetMs} ms`],
    rows.map((r, i) => [
      r.label,
      ms(r.p50),
      ms(r.p99),
      `${Math.round(r.bytes / 1024)} KB`,
      verdict(checked[i]!),
    ]),
  );
  out('statements of each row’s slowest run (figures and revenue side by side on the pool), ms:');
  for (const r of rows)
    out(
      `  ${r.label}: ${r.slowest
        .filter((q) => /^\s*(with|select)\b/i.test(q.sql))
        .map((q) => `${statementLabel(q.sql)} ${ms(q.ms)}`)
        .join(', ')}`,
    );
  for (const [i, c] of checked.entries())
    if (!c.pass) attachPlan(c, await explainSlowest(db, rows[i]!.slowest));
  return rows.map(({ slowest: _, ...r }) => r);
}

/** Which of the dashboard's statements a captured SQL text is, for the per-statement line. */
function statementLabel(text: string): string {
  const known: Array<[RegExp, string]> = [
    [/json_agg/, 'figures (counts, decision times, offers)'],
    [/set_config\('work_mem'/, 'work memory'],
    [/as "revenue"/, 'revenue'],
    [/"staff_users"/, 'names'],
    [/join cases cs/, 'drilldown'],
  ];
  return known.find(([re]) => re.test(text))?.[1] ?? text.replace(/\s+/g, ' ').slice(0, 40);
}
