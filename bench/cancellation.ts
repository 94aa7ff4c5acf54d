// The cancellation section of `npm run bench`: a whole cancellation through the API (seed 000's
// steps: start with the reason, review, explain, offers, decline, preview, process immediately
// with the refund the policy gives, confirm), through the whole app in this process, on a fresh
// PGlite and on a fresh PostgreSQL database, each with the demo data (BENCH_CANCEL_ACCOUNTS,
// 2,000). Verification is not part of the flow measured: each case is marked verified beforehand.
import { type Kysely, sql } from 'kysely';
import { openDatabase } from '../src/db/database';
import { migrateToLatest } from '../src/db/migrate';
import type { DB } from '../src/db/schema';
import { seedDemoData } from '../src/demo/seed-demo';
import { newId } from '../src/platform/ids';
import { ensureServerSecret } from '../src/platform/server-secret';
import { agentApp } from './in-process';
import { ms, out, percentile, table } from './report';

export interface CancellationBenchRow {
  database: string;
  flows: number;
  flowP50: number;
  flowP99: number;
  processP50: number;
  processP99: number;
  refunded: number;
}

const STEPS = ['start', 'review', 'explain', 'offers', 'decline', 'preview', 'process', 'confirm'] as const;

/** Cases verified for cancelling on accounts with an active subscription (set up, not timed). */
async function prepareCases(db: Kysely<DB>, n: number) {
  const subs = await db
    .selectFrom('subscriptions')
    .select(['id', 'account_id'])
    .where('status', '=', 'active')
    .where('cancel_effective_on', 'is', null)
    .orderBy('id')
    .limit(n)
    .execute();
  const now = new Date();
  const cases: Array<{ caseId: string; subscriptionId: string }> = [];
  for (const [i, s] of subs.entries()) {
    const caseId = newId('case', now);
    await db
      .insertInto('cases')
      .values({
        id: caseId,
        case_number: `BENCH-C-${now.getTime()}-${i}`,
        account_id: s.account_id,
        type: 'cancellation',
        channel: 'phone',
        mood: 'calm',
        status: 'open',
        subject: null,
        assignee_id: null,
        opened_by: null,
        opened_at: now,
        updated_at: now,
        closed_at: null,
      })
      .execute();
    await db
      .insertInto('case_verifications')
      .values({
        case_id: caseId,
        account_id: s.account_id,
        subject_type: 'holder',
        representative_id: null,
        can_cancel: true,
        can_request_refunds: true,
        verified_at: now,
        expires_at: new Date(now.getTime() + 60 * 60_000),
      })
      .execute();
    cases.push({ caseId, subscriptionId: s.id });
  }
  return cases;
}

async function flows(db: Kysely<DB>, secret: string, n: number) {
  const { app, cookie, csrf } = await agentApp(db, secret);
  const cases = await prepareCases(db, n);
  const call = async (method: 'GET' | 'POST', url: string, payload?: object) => {
    const res = await app.inject({
      method,
      url,
      headers: { cookie, 'x-csrf-token': csrf },
      ...(payload ? { payload } : {}),
    });
    if (res.statusCode >= 300)
      throw new Error(`${method} ${url} answered ${res.statusCode}: ${res.body.slice(0, 300)}`);
    return res.json();
  };
  const totals: number[] = [];
  const processing: number[] = [];
  let refunded = 0;
  for (const c of cases) {
    const started = performance.now();
    const req = await call('POST', `/api/cases/${c.caseId}/cancellations`, {
      subscriptionId: c.subscriptionId,
      reasonCode: 'too_expensive',
      customerWords: 'Das ist mir zu teuer geworden.',
    });
    const id = req.id as string;
    const review = await call('GET', `/api/cancellations/${id}/review`);
    await call('POST', `/api/cancellations/${id}/review`, {
      balanceDiscussed: (review.openInvoices?.length ?? 0) > 0,
    });
    await call('POST', `/api/cancellations/${id}/explain`, { effective: 'immediate' });
    await call('POST', `/api/cancellations/${id}/offers`, {});
    await call('POST', `/api/cancellations/${id}/offers/response`, { response: 'declined' });
    const preview = await call('GET', `/api/cancellations/${id}/preview?effective=immediate`);
    const processStarted = performance.now();
    await call('POST', `/api/cancellations/${id}/process`, {
      effective: 'immediate',
      refund: { amountMinor: preview.refund.amount.amountMinor, currency: preview.refund.amount.currency },
    });
    processing.push(performance.now() - processStarted);
    await call('POST', `/api/cancellations/${id}/confirm`, {});
    totals.push(performance.now() - started);
    if (preview.refund.amount.amountMinor > 0) refunded++;
  }
  await app.close();
  totals.sort((a, b) => a - b);
  processing.sort((a, b) => a - b);
  return { totals, processing, refunded };
}

async function freshDemo(db: Kysely<DB>, secret: string, accounts: number) {
  await migrateToLatest(db);
  await ensureServerSecret(db, secret);
  await seedDemoData(db, { accounts, secret });
}

export async function runCancellationBench(options: {
  secret: string;
  postgresUrl: string;
  accounts: number;
  flows: number;
}): Promise<CancellationBenchRow[]> {
  const rows: CancellationBenchRow[] = [];
  const measure = async (label: string, db: Kysely<DB>) => {
    await freshDemo(db, options.secret, options.accounts);
    const r = await flows(db, options.secret, options.flows);
    rows.push({
      database: label,
      flows: r.totals.length,
      flowP50: percentile(r.totals, 50),
      flowP99: percentile(r.totals, 99),
      processP50: percentile(r.processing, 50),
      processP99: percentile(r.processing, 99),
      refunded: r.refunded,
    });
  };
  const pglite = await openDatabase({});
  try {
    await measure('PGlite (in memory)', pglite.db);
  } finally {
    await pglite.close();
  }
  const url = new URL(options.postgresUrl);
  const name = 'kulanz_bench_cancel';
  const adminUrl = new URL(url);
  adminUrl.pathname = '/postgres';
  const admin = await openDatabase({ databaseUrl: adminUrl.toString(), poolSize: 1 });
  await sql.raw(`drop database if exists ${name}`).execute(admin.db);
  await sql.raw(`create database ${name}`).execute(admin.db);
  url.pathname = `/${name}`;
  const pg = await openDatabase({ databaseUrl: url.toString(), poolSize: 4 });
  try {
    await measure('PostgreSQL', pg.db);
  } finally {
    await pg.close();
    await sql.raw(`drop database if exists ${name}`).execute(admin.db);
    await admin.close();
  }
  out();
  out(
    `A whole cancellation through the API (${STEPS.join(' → ')}; immediate, with the policy's refund), ` +
      `${options.accounts} demo accounts, one after another`,
  );
  table(
    ['database', 'flows', 'flow p50', 'flow p99', 'process p50', 'process p99', 'with refund'],
    rows.map((r) => [
      r.database,
      String(r.flows),
      `${ms(r.flowP50)} ms`,
      `${ms(r.flowP99)} ms`,
      `${ms(r.processP50)} ms`,
      `${ms(r.processP99)} ms`,
      String(r.refunded),
    ]),
  );
  return rows;
}
