import { type Kysely, sql, type Transaction } from 'kysely';
import { INSIGHT_TRIGGERS, projectInsightEventsFromScratch } from '../db/migrations/0026-insight-events';
import type { DB } from '../db/schema';
import { policyDocument } from '../modules/policy';
import { hashPassword } from '../modules/staff';
import { hashFactor } from '../modules/verification/factor-hash';
import { SYSTEM_ACTOR, writeAudit } from '../platform/audit';
import type { Role } from '../platform/roles';
import { type BulkColumn, bulkInsert } from './bulk-insert';
import { DEMO_OFFERS, PLANS, PRODUCTS } from './demo-catalog';
import { DEFAULT_DEMO_SEED, type DemoStaff, type GeneratedAccount, generateAccount } from './generate-demo';
import {
  emptyHistory,
  type GeneratedHistory,
  generateHistory,
  type HistoryPolicy,
  type HistoryStaff,
} from './generate-history';

export { DEFAULT_DEMO_SEED, demoAnswers } from './generate-demo';

export interface DemoLogin {
  email: string;
  password: string;
  role: Role;
  displayName: string;
}

/** The demo logins printed at start-up; created only by the demo seed, never in production. */
export const DEMO_LOGINS: readonly DemoLogin[] = [
  { email: 'agent@kulanz.test', password: 'kulanz-agent-1', role: 'agent', displayName: 'Anna Agentin' },
  { email: 'lead@kulanz.test', password: 'kulanz-lead-1', role: 'lead', displayName: 'Lars Leiter' },
  { email: 'admin@kulanz.test', password: 'kulanz-admin-1', role: 'admin', displayName: 'Ada Admin' },
];

export async function isDatabaseEmpty(db: Kysely<DB>): Promise<boolean> {
  const row = await db
    .selectFrom('staff_users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n) === 0;
}

export interface SeedOptions {
  accounts: number;
  seed?: number;
  now?: Date;
  /** The server secret: demo verification answers are stored as keyed hashes with it. */
  secret: string;
  log?: (line: string) => void;
  /** Accounts generated and inserted per transaction (default 5,000). */
  batchSize?: number;
  /** Batches written at the same time on separate connections (PostgreSQL only; default 1). */
  parallel?: number;
  /** Build the secondary indexes after loading instead of row by row (default: from 50,000 accounts). */
  deferIndexes?: boolean;
  /**
   * Two years of desk history: refund requests with their evaluations, decisions and refunds,
   * cancellations with the offers shown, surveys (default false; `kulanz start` and `seed` turn it on).
   */
  history?: boolean;
}

/** True when customer accounts exist; the seed refuses to mix demo data into them. */
export async function hasAccounts(db: Kysely<DB>): Promise<boolean> {
  const row = await sql<{ found: boolean }>`select exists (select 1 from accounts) as found`.execute(db);
  return Boolean(row.rows[0]?.found);
}

async function seedStaff(db: Kysely<DB>, now: Date): Promise<DemoStaff> {
  for (const login of DEMO_LOGINS) {
    await db
      .insertInto('staff_users')
      .values({
        id: `usr_demo_${login.role}`,
        email: login.email,
        display_name: login.displayName,
        role: login.role,
        password_hash: await hashPassword(login.password),
        locale: 'de',
        created_at: now,
        deactivated_at: null,
      })
      .onConflict((oc) => oc.column('email').doNothing())
      .execute();
  }
  // the history is attributed to whoever holds the demo e-mails, whatever their ids are
  const rows = await db
    .selectFrom('staff_users')
    .select(['id', 'email'])
    .where(
      'email',
      'in',
      DEMO_LOGINS.map((l) => l.email),
    )
    .execute();
  const idOf = (role: Role) =>
    rows.find((r) => r.email === DEMO_LOGINS.find((l) => l.role === role)!.email)!.id;
  return { agent: idOf('agent'), lead: idOf('lead'), admin: idOf('admin') };
}

async function seedCatalogue(db: Kysely<DB>, now: Date): Promise<void> {
  await seedOffers(db, now);
  await db
    .insertInto('plans')
    .values(
      PLANS.map((p) => ({
        id: p.id,
        code: p.code,
        name_de: p.nameDe,
        name_en: p.nameEn,
        tier: p.tier,
        cycle: p.cycle,
        price_minor: p.priceMinor,
      })),
    )
    .onConflict((oc) => oc.doNothing())
    .execute();
  await db
    .insertInto('products')
    .values(
      PRODUCTS.map((p) => ({
        id: p.id,
        sku: p.sku,
        name_de: p.nameDe,
        name_en: p.nameEn,
        category: p.category,
        price_minor: p.priceMinor,
      })),
    )
    .onConflict((oc) => oc.doNothing())
    .execute();
}

async function seedOffers(db: Kysely<DB>, now: Date): Promise<void> {
  const none = { plans: [], reasons: [], minTenureDays: null, maxTenureDays: null, minLifetimeValue: null };
  await db
    .insertInto('retention_offers')
    .values(
      DEMO_OFFERS.map((o, i) => ({
        id: o.id,
        kind: o.terms.kind,
        title_de: o.title.de,
        title_en: o.title.en,
        terms: JSON.stringify(o.terms),
        eligibility: JSON.stringify({ ...none, notRedeemedWithinMonths: null, ...o.eligibility }),
        max_redemptions: o.maxRedemptions,
        position: (i + 1) * 10,
        created_by: null,
        created_at: now,
        updated_at: now,
      })),
    )
    .onConflict((oc) => oc.doNothing())
    .execute();
}

const cols = (...spec: string[]): BulkColumn[] =>
  spec.map((s) => {
    const [name, type] = s.split(':');
    return [name!, type ?? 'text'] as const;
  });

const ACCOUNT_COLUMNS = cols(
  'id',
  'account_number',
  'status',
  'first_name',
  'last_name',
  'search_name',
  'email',
  'email_normalized',
  'phone',
  'phone_e164',
  'street',
  'postal_code',
  'city',
  'country',
  'language',
  'acquisition_channel',
  'signup_at:timestamptz',
  'created_at:timestamptz',
  'updated_at:timestamptz',
);
const REPRESENTATIVE_COLUMNS = cols(
  'id',
  'account_id',
  'first_name',
  'last_name',
  'search_name',
  'relationship',
  'email',
  'phone',
  'phone_e164',
  'can_cancel:boolean',
  'can_request_refunds:boolean',
  'created_at:timestamptz',
  'revoked_at:timestamptz',
);
const SECRET_COLUMNS = cols('subject_id', 'account_id', 'factor', 'secret_hash', 'created_at:timestamptz');
const SUBSCRIPTION_COLUMNS = cols(
  'id',
  'account_id',
  'plan_id',
  'status',
  'price_minor:bigint',
  'cycle',
  'started_at:timestamptz',
  'current_period_start:date',
  'current_period_end:date',
  'next_renewal_on:date',
  'cancel_effective_on:date',
  'cancelled_at:timestamptz',
  'paused_until:date',
  'created_at:timestamptz',
);
const ORDER_COLUMNS = cols(
  'id',
  'order_number',
  'account_id',
  'product_id',
  'quantity:integer',
  'total_minor:bigint',
  'status',
  'ordered_at:timestamptz',
  'delivered_at:timestamptz',
);
const INVOICE_COLUMNS = cols(
  'id',
  'invoice_number',
  'account_id',
  'subscription_id',
  'order_id',
  'amount_minor:bigint',
  'paid_minor:bigint',
  'status',
  'issued_at:timestamptz',
  'due_on:date',
);
const PAYMENT_COLUMNS = cols(
  'id',
  'account_id',
  'invoice_id',
  'order_id',
  'subscription_id',
  'amount_minor:bigint',
  'refunded_minor:bigint',
  'method',
  'status',
  'provider_ref',
  'paid_at:timestamptz',
);
const STORE_CREDIT_COLUMNS = cols(
  'id',
  'account_id',
  'amount_minor:bigint',
  'reason',
  'case_id',
  'created_by',
  'created_at:timestamptz',
);
const CASE_COLUMNS = cols(
  'id',
  'case_number',
  'account_id',
  'type',
  'channel',
  'mood',
  'status',
  'subject',
  'assignee_id',
  'opened_by',
  'opened_at:timestamptz',
  'updated_at:timestamptz',
  'closed_at:timestamptz',
);
const CASE_VERIFICATION_COLUMNS = cols(
  'case_id',
  'account_id',
  'subject_type',
  'representative_id',
  'can_cancel:boolean',
  'can_request_refunds:boolean',
  'verified_at:timestamptz',
  'expires_at:timestamptz',
);
const NOTE_COLUMNS = cols(
  'id',
  'account_id',
  'case_id',
  'author_id',
  'contact_reason',
  'actions_taken',
  'body',
  'created_at:timestamptz',
);
const COMMITMENT_COLUMNS = cols(
  'id',
  'note_id',
  'account_id',
  'case_id',
  'description',
  'owner_id',
  'due_on:date',
  'status',
  'done_at:timestamptz',
  'done_by',
  'created_at:timestamptz',
);
const AUDIT_COLUMNS = cols(
  'at:timestamptz',
  'actor_id',
  'actor_role',
  'action',
  'entity_type',
  'entity_id',
  'account_id',
  'case_id',
  'changes:jsonb',
);

type Batch = { history: GeneratedHistory } & {
  [K in keyof Omit<GeneratedAccount, 'identity' | 'account' | 'secrets'>]: GeneratedAccount[K];
} & {
  accounts: Array<GeneratedAccount['account']>;
  secrets: Array<{
    subject_id: string;
    account_id: string;
    factor: string;
    secret_hash: string;
    created_at: Date;
  }>;
};

const yieldToIo = () => new Promise<void>((resolve) => setImmediate(resolve));

interface BatchContext {
  /** Where the time goes (SeedResult.parts), summed over the batches. */
  parts: SeedParts;
  seed: number;
  now: Date;
  staff: DemoStaff;
  secret: string;
  nextCaseNumber: number;
  history: { staff: HistoryStaff; policy: HistoryPolicy } | null;
}

async function generateBatch(from: number, to: number, ctx: BatchContext): Promise<Batch> {
  const { seed, now, staff, secret } = ctx;
  const batch: Batch = {
    accounts: [],
    representatives: [],
    secrets: [],
    subscriptions: [],
    orders: [],
    invoices: [],
    payments: [],
    storeCredits: [],
    cases: [],
    caseVerifications: [],
    notes: [],
    commitments: [],
    audit: [],
    history: emptyHistory(),
  };
  let historyMs = 0;
  const started = performance.now();
  for (let i = from; i < to; i++) {
    // let the database connections send and receive while this batch is being built
    if ((i - from) % 500 === 499) await yieldToIo();
    const g = generateAccount(i, seed, now, staff);
    for (const c of g.cases) c.case_number = `C-${ctx.nextCaseNumber++}`;
    if (ctx.history) {
      const historyStarted = performance.now();
      const h = generateHistory(g, i, seed, now, ctx.history.staff, ctx.history.policy);
      for (const c of h.cases) c.case_number = `C-${ctx.nextCaseNumber++}`;
      for (const [k, rows] of Object.entries(h))
        (batch.history[k as keyof GeneratedHistory] as unknown[]).push(...rows);
      historyMs += performance.now() - historyStarted;
    }
    batch.accounts.push(g.account);
    for (const s of g.secrets) {
      batch.secrets.push({
        subject_id: s.subject_id,
        account_id: s.account_id,
        factor: s.factor,
        secret_hash: hashFactor(secret, s.subject_id, s.factor, s.normalized),
        created_at: s.created_at,
      });
    }
    batch.representatives.push(...g.representatives);
    batch.subscriptions.push(...g.subscriptions);
    batch.orders.push(...g.orders);
    batch.invoices.push(...g.invoices);
    batch.payments.push(...g.payments);
    batch.storeCredits.push(...g.storeCredits);
    batch.cases.push(...g.cases);
    batch.caseVerifications.push(...g.caseVerifications);
    batch.notes.push(...g.notes);
    batch.commitments.push(...g.commitments);
    batch.audit.push(...g.audit);
  }
  // the time waiting for I/O between accounts counts too: it is what the seed's loop waited
  ctx.parts.generateMs += performance.now() - started - historyMs;
  ctx.parts.historyGenerateMs += historyMs;
  return batch;
}

/** Rows in a batch; adds them to `byTable` under the batch's keys (history keys prefixed `history.`). */
function rowsIn(batch: Batch, byTable: Record<string, number>): number {
  let n = 0;
  const { history, ...rest } = batch;
  const add = (key: string, rows: unknown[]) => {
    n += rows.length;
    byTable[key] = (byTable[key] ?? 0) + rows.length;
  };
  for (const [k, rows] of Object.entries(rest)) add(k, rows as unknown[]);
  for (const [k, rows] of Object.entries(history)) add(`history.${k}`, rows as unknown[]);
  return n;
}

async function insertBatch(db: Kysely<DB>, batch: Batch, parts: SeedParts): Promise<void> {
  const started = performance.now();
  let historyMs = 0;
  await db.transaction().execute(async (trx) => {
    // demo data can be re-generated: no need to wait for the WAL flush of every batch
    await sql`set local synchronous_commit = off`.execute(trx);
    await bulkInsert(trx, 'accounts', ACCOUNT_COLUMNS, batch.accounts);
    await bulkInsert(trx, 'account_representatives', REPRESENTATIVE_COLUMNS, batch.representatives);
    await bulkInsert(trx, 'verification_secrets', SECRET_COLUMNS, batch.secrets);
    await bulkInsert(trx, 'subscriptions', SUBSCRIPTION_COLUMNS, batch.subscriptions);
    await bulkInsert(trx, 'orders', ORDER_COLUMNS, batch.orders);
    await bulkInsert(trx, 'invoices', INVOICE_COLUMNS, batch.invoices);
    await bulkInsert(trx, 'payments', PAYMENT_COLUMNS, batch.payments);
    await bulkInsert(trx, 'cases', CASE_COLUMNS, batch.cases);
    await bulkInsert(trx, 'case_verifications', CASE_VERIFICATION_COLUMNS, batch.caseVerifications);
    await bulkInsert(trx, 'store_credit_entries', STORE_CREDIT_COLUMNS, batch.storeCredits);
    await bulkInsert(trx, 'notes', NOTE_COLUMNS, batch.notes);
    await bulkInsert(trx, 'commitments', COMMITMENT_COLUMNS, batch.commitments);
    await bulkInsert(trx, 'audit_events', AUDIT_COLUMNS, batch.audit);
    const historyStarted = performance.now();
    await insertHistory(trx, batch.history);
    historyMs = performance.now() - historyStarted;
  });
  parts.insertMs += performance.now() - started - historyMs;
  parts.historyInsertMs += historyMs;
}

const DEFER_INDEXES_FROM = 50_000;
const SEEDED_TABLES = [
  'accounts',
  'account_representatives',
  'verification_secrets',
  'subscriptions',
  'orders',
  'invoices',
  'payments',
  'store_credit_entries',
  'cases',
  'case_verifications',
  'notes',
  'commitments',
  // the history's own tables (option `history`)
  'refund_requests',
  'refund_request_events',
  'refund_executions',
  'payment_refunds',
  'cancellation_requests',
  'cancellation_request_events',
  'offer_events',
  'offer_save_watches',
  'surveys',
];

/** Switches the triggers that keep the dashboard's table (insight_events) off or on. */
async function setInsightTriggers(db: Kysely<DB>, on: boolean): Promise<void> {
  for (const [table, trigger] of INSIGHT_TRIGGERS)
    await sql`alter table ${sql.id(table)} ${on ? sql`enable` : sql`disable`} trigger ${sql.id(trigger)}`.execute(
      db,
    );
}

/** Drops the plain (non-constraint) indexes of the seeded tables and returns their definitions. */
async function dropSecondaryIndexes(db: Kysely<DB>): Promise<string[]> {
  const rows = await sql<{ name: string; definition: string }>`
    select i.indexname as name, i.indexdef as definition
    from pg_indexes i
    where i.schemaname = current_schema()
      and i.tablename in (${sql.join(SEEDED_TABLES)})
      and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`.execute(db);
  for (const r of rows.rows) await sql`drop index ${sql.id(r.name)}`.execute(db);
  return rows.rows.map((r) => r.definition);
}

export interface SeedResult {
  accounts: number;
  rows: number;
  ms: number;
  /** Where the time went, in ms (the bench prints it per part). */
  parts: SeedParts;
}

/**
 * Generating and inserting overlap (batches are written while the next is built, `parallel` at
 * once), so the insert parts are connection time summed over the batches, not wall time.
 */
export interface SeedParts {
  /** Building the accounts and their contact history in this process (wall time of the loop). */
  generateMs: number;
  /** Building the desk history (option `history`), in this process. */
  historyGenerateMs: number;
  /** Inserting the accounts' rows, summed over the batches. */
  insertMs: number;
  /** Inserting the history's rows, summed over the batches. */
  historyInsertMs: number;
  /** Waiting for the last batches after the loop. */
  drainMs: number;
  /** Building the secondary indexes dropped for the load. */
  indexMs: number;
  /** Projecting the dashboard's events once after a load with its triggers off (with the indexes). */
  projectMs: number;
  /** The offers' redemption counters, the audit entry and ANALYZE. */
  finishMs: number;
  /** Rows per table. */
  rowsByTable: Record<string, number>;
}

/**
 * Loads the demo staff, the catalogue and `accounts` deterministic customer accounts with their
 * subscriptions, orders, invoices, payments and contact history. Accounts are generated and
 * inserted in batches (one multi-row INSERT per table and batch, one transaction per batch), so
 * a million accounts fit in memory and finish in minutes on PostgreSQL.
 */
export async function seedDemoData(db: Kysely<DB>, options: SeedOptions): Promise<SeedResult> {
  const started = Date.now();
  const now = options.now ?? new Date();
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  const batchSize = options.batchSize ?? 5_000;
  const log = options.log ?? (() => {});
  const staff = await seedStaff(db, now);
  await seedCatalogue(db, now);
  const parallel = Math.max(1, options.parallel ?? 1);
  // A large seed into empty tables is faster when the secondary indexes are built once at the
  // end instead of row by row; only done from empty, and they are rebuilt even on failure.
  const deferred =
    (options.deferIndexes ?? options.accounts >= DEFER_INDEXES_FROM) && !(await hasAccounts(db))
      ? await dropSecondaryIndexes(db)
      : [];
  // without those indexes the dashboard's triggers would look up each batch's surveys and offers
  // by scanning their tables (quadratic over the load): off for the load, one projection after
  if (deferred.length > 0) await setInsightTriggers(db, false);
  // case numbers continue the sequence the cases module draws from, assigned in account order
  // here (not by nextval per row) so that parallel batches still give the same numbers
  const base = await sql<{ n: number }>`select nextval('case_number_seq')::int as n`.execute(db);
  const history = options.history && options.accounts > 0 ? await historyContext(db, staff, now, seed) : null;
  const parts: SeedParts = {
    generateMs: 0,
    historyGenerateMs: 0,
    insertMs: 0,
    historyInsertMs: 0,
    drainMs: 0,
    indexMs: 0,
    projectMs: 0,
    finishMs: 0,
    rowsByTable: {},
  };
  const ctx: BatchContext = {
    parts,
    seed,
    now,
    staff,
    secret: options.secret,
    nextCaseNumber: base.rows[0]!.n,
    history,
  };
  let rows = 0;
  try {
    const inflight: Array<Promise<void>> = [];
    let lastLog = Date.now();
    for (let from = 0; from < options.accounts; from += batchSize) {
      const to = Math.min(options.accounts, from + batchSize);
      const batch = await generateBatch(from, to, ctx);
      if (inflight.length >= parallel) await inflight.shift();
      rows += rowsIn(batch, parts.rowsByTable);
      const written = insertBatch(db, batch, parts);
      written.catch(() => {}); // awaited below; this only keeps it from being reported as unhandled
      inflight.push(written);
      if (Date.now() - lastLog > 10_000) {
        lastLog = Date.now();
        const s = (Date.now() - started) / 1000;
        log(
          `  seeded ${from.toLocaleString('en')} accounts, ${rows.toLocaleString('en')} rows, ${s.toFixed(0)} s`,
        );
      }
    }
    const drainStarted = performance.now();
    for (const p of inflight) await p;
    parts.drainMs = performance.now() - drainStarted;
  } finally {
    if (deferred.length > 0) {
      log(`  building ${deferred.length} indexes`);
      const indexStarted = performance.now();
      for (const definition of deferred) await sql.raw(definition).execute(db);
      parts.indexMs = performance.now() - indexStarted;
      await setInsightTriggers(db, true);
      const projectStarted = performance.now();
      await projectInsightEventsFromScratch(db);
      parts.projectMs = performance.now() - projectStarted;
    }
  }
  const finishStarted = performance.now();
  await sql`select setval('case_number_seq', ${ctx.nextCaseNumber - 1})`.execute(db);
  if (history) await countRedemptions(db);
  if (options.accounts > 0) {
    await writeAudit(db, SYSTEM_ACTOR, now, {
      action: 'demo.seeded',
      entityType: 'system',
      entityId: 'demo-data',
      changes: { accounts: options.accounts, seed, history: Boolean(history) },
    });
    // fresh statistics, or the planner guesses badly on a million new rows
    await sql`analyze`.execute(db);
  }
  parts.finishMs = performance.now() - finishStarted;
  return { accounts: options.accounts, rows, ms: Date.now() - started, parts };
}

// ---- the desk history (option `history`) ---------------------------------------------------------

const HISTORY_ORDER_COLUMNS = ORDER_COLUMNS;
const PAYMENT_REFUND_COLUMNS = cols(
  'id',
  'payment_id',
  'account_id',
  'idempotency_key',
  'amount_minor:bigint',
  'currency',
  'status',
  'reason',
  'failure_reason',
  'provider',
  'provider_ref',
  'case_id',
  'requested_by',
  'created_at:timestamptz',
  'updated_at:timestamptz',
  'settled_at:timestamptz',
  'failed_at:timestamptz',
);
const REFUND_REQUEST_COLUMNS = cols(
  'id',
  'case_id',
  'account_id',
  'payment_id',
  'order_id',
  'reason_code',
  'customer_words',
  'mood',
  'requested_minor:bigint',
  'currency',
  'status',
  'status_since:timestamptz',
  'policy_version:integer',
  'facts:jsonb',
  'evaluation:jsonb',
  'evaluated_at:timestamptz',
  'decided_minor:bigint',
  'decided_by',
  'decided_at:timestamptz',
  'decision_note',
  'alternative:jsonb',
  'execution_method',
  'execution_ref',
  'failure_reason',
  'idempotency_key',
  'request_fingerprint',
  'created_by',
  'created_at:timestamptz',
  'updated_at:timestamptz',
);
const REFUND_EVENT_COLUMNS = cols(
  'request_id',
  'at:timestamptz',
  'actor_id',
  'action',
  'from_status',
  'to_status',
  'note',
);
const REFUND_EXECUTION_COLUMNS = cols(
  'id',
  'request_id',
  'method',
  'amount_minor:bigint',
  'currency',
  'idempotency_key',
  'status',
  'attempts:integer',
  'last_error',
  'result_ref',
  'failure_reason',
  'payout_holder',
  'payout_iban',
  'created_by',
  'created_at:timestamptz',
  'updated_at:timestamptz',
  'finished_at:timestamptz',
);
const CANCELLATION_COLUMNS = cols(
  'id',
  'reference',
  'case_id',
  'account_id',
  'subscription_id',
  'status',
  'reason_code',
  'reason_version:integer',
  'customer_words',
  'competitor',
  'reviewed_at:timestamptz',
  'open_balance_minor:bigint',
  'balance_discussed:boolean',
  'explained_at:timestamptz',
  'explained_effective',
  'offers_at:timestamptz',
  'offers_outcome',
  'offers_shown:jsonb',
  'accepted_offer_id',
  'processed_at:timestamptz',
  'processed_by',
  'effective',
  'effective_on:date',
  'last_billing_on:date',
  'refund_minor:bigint',
  'currency',
  'refund_basis',
  'refund_payment_id',
  'refund_ref',
  'refund_status',
  'policy_version:integer',
  'end_job_id',
  'confirmed_at:timestamptz',
  'confirmation_message_id',
  'closed_at:timestamptz',
  'idempotency_key',
  'request_fingerprint',
  'created_by',
  'created_at:timestamptz',
  'updated_at:timestamptz',
);
const CANCELLATION_EVENT_COLUMNS = cols(
  'request_id',
  'at:timestamptz',
  'actor_id',
  'step',
  'status',
  'detail:jsonb',
);
const OFFER_EVENT_COLUMNS = cols(
  'case_id',
  'account_id',
  'subscription_id',
  'offer_id',
  'event',
  'terms:jsonb',
  'holdout:boolean',
  'actor_id',
  'at:timestamptz',
);
const SAVE_WATCH_COLUMNS = cols(
  'id',
  'case_id',
  'account_id',
  'subscription_id',
  'offer_id',
  'kind',
  'holdout:boolean',
  'status',
  'check_at:timestamptz',
  'created_at:timestamptz',
  'decided_at:timestamptz',
);
const SURVEY_COLUMNS = cols(
  'id',
  'case_id',
  'account_id',
  'state',
  'due_at:timestamptz',
  'job_id',
  'token_hash',
  'message_id',
  'sent_at:timestamptz',
  'expires_at:timestamptz',
  'rating:integer',
  'comment',
  'answered_at:timestamptz',
  'created_by',
  'created_at:timestamptz',
  'cancelled_at:timestamptz',
);

async function insertHistory(trx: Transaction<DB>, h: GeneratedHistory): Promise<void> {
  await bulkInsert(trx, 'orders', HISTORY_ORDER_COLUMNS, h.orders);
  await bulkInsert(trx, 'invoices', INVOICE_COLUMNS, h.invoices);
  await bulkInsert(trx, 'payments', PAYMENT_COLUMNS, h.payments);
  await bulkInsert(trx, 'cases', CASE_COLUMNS, h.cases);
  await bulkInsert(trx, 'case_verifications', CASE_VERIFICATION_COLUMNS, h.caseVerifications);
  await bulkInsert(trx, 'notes', NOTE_COLUMNS, h.notes);
  await bulkInsert(trx, 'refund_requests', REFUND_REQUEST_COLUMNS, h.refundRequests);
  await bulkInsert(trx, 'refund_request_events', REFUND_EVENT_COLUMNS, h.refundEvents);
  await bulkInsert(trx, 'refund_executions', REFUND_EXECUTION_COLUMNS, h.refundExecutions);
  await bulkInsert(trx, 'payment_refunds', PAYMENT_REFUND_COLUMNS, h.paymentRefunds);
  await bulkInsert(trx, 'store_credit_entries', STORE_CREDIT_COLUMNS, h.storeCredits);
  await bulkInsert(trx, 'cancellation_requests', CANCELLATION_COLUMNS, h.cancellations);
  await bulkInsert(trx, 'cancellation_request_events', CANCELLATION_EVENT_COLUMNS, h.cancellationEvents);
  await bulkInsert(trx, 'offer_events', OFFER_EVENT_COLUMNS, h.offerEvents);
  await bulkInsert(trx, 'offer_save_watches', SAVE_WATCH_COLUMNS, h.saveWatches);
  await bulkInsert(trx, 'surveys', SURVEY_COLUMNS, h.surveys);
  await bulkInsert(trx, 'audit_events', AUDIT_COLUMNS, h.audit);
}

/** More desk staff the history is shared with (they cannot log in: no known password). */
const HISTORY_STAFF = [
  { id: 'usr_demo_agent_2', email: 'jonas.berger@kulanz.test', name: 'Jonas Berger', role: 'agent' },
  { id: 'usr_demo_agent_3', email: 'mia.schulz@kulanz.test', name: 'Mia Schulz', role: 'agent' },
  { id: 'usr_demo_agent_4', email: 'sam.taylor@kulanz.test', name: 'Sam Taylor', role: 'agent' },
  { id: 'usr_demo_lead_2', email: 'petra.wolf@kulanz.test', name: 'Petra Wolf', role: 'lead' },
] as const;

async function historyContext(
  db: Kysely<DB>,
  staff: DemoStaff,
  now: Date,
  seed: number,
): Promise<{ staff: HistoryStaff; policy: HistoryPolicy }> {
  // a password nobody knows: these colleagues exist for the history, not for logging in
  const hash = await hashPassword(`history-only-${seed}-${now.getTime()}-${Math.random()}`);
  for (const s of HISTORY_STAFF)
    await db
      .insertInto('staff_users')
      .values({
        id: s.id,
        email: s.email,
        display_name: s.name,
        role: s.role,
        password_hash: hash,
        locale: 'de',
        created_at: new Date(now.getTime() - 800 * 86_400_000),
        deactivated_at: null,
      })
      .onConflict((oc) => oc.column('email').doNothing())
      .execute();
  const rows = await db
    .selectFrom('staff_users')
    .select(['id', 'email'])
    .where(
      'email',
      'in',
      HISTORY_STAFF.map((s) => s.email),
    )
    .execute();
  const idOf = (email: string) => rows.find((r) => r.email === email)!.id;
  const policy = await db
    .selectFrom('policy_versions')
    .select(['version', 'document'])
    .orderBy('version', 'desc')
    .executeTakeFirstOrThrow();
  return {
    staff: {
      agents: [staff.agent, ...HISTORY_STAFF.filter((s) => s.role === 'agent').map((s) => idOf(s.email))],
      leads: [staff.lead, idOf('petra.wolf@kulanz.test')],
      admin: staff.admin,
    },
    policy: { version: policy.version, document: policyDocument.parse(policy.document) },
  };
}

/** The offers' redemption counters follow the accepted offers of the history. */
async function countRedemptions(db: Kysely<DB>): Promise<void> {
  await sql`update retention_offers o set redemptions = least(
      coalesce(o.max_redemptions, 2147483647),
      (select count(*) from offer_events e where e.offer_id = o.id and e.event = 'accepted'))`.execute(db);
}
