import { jsonArrayFrom, jsonBuildObject } from 'kysely/helpers/postgres';
import type { Executor } from '../../platform/audit';
import { notFound } from '../../platform/errors';
import { timestampsFromJson } from '../../platform/json-rows';
import { serializeLimit } from '../../platform/limits';
import { BillingErrors } from './billing.errors';
import type { PaymentRefundsTable, RefundStatus } from './billing.table';

// ---- payments ----------------------------------------------------------------------------------

const payment = (db: Executor, id: string) => db.selectFrom('payments').selectAll().where('id', '=', id);

function orNotFound<T>(row: T | undefined, code: string, entity: string, id: string, field: string): T {
  if (!row) throw notFound(code, entity, id, field);
  return row;
}

/** The payment's row, or PAYMENT_NOT_FOUND naming `field` (the request field that carried the id). */
export async function findPaymentOrThrow(db: Executor, id: string, field = 'params.id') {
  const row = await payment(db, id).executeTakeFirst();
  return orNotFound(row, BillingErrors.PAYMENT_NOT_FOUND, 'Payment', id, field);
}

/** The payment's row, locked for the rest of the transaction, or PAYMENT_NOT_FOUND naming `field`. */
export async function lockPaymentOrThrow(trx: Executor, id: string, field = 'params.id') {
  const row = await payment(trx, id).forUpdate().executeTakeFirst();
  return orNotFound(row, BillingErrors.PAYMENT_NOT_FOUND, 'Payment', id, field);
}

export type PaymentRow = Awaited<ReturnType<typeof findPaymentOrThrow>>;

/** Sets what has been refunded of a payment; the caller holds the payment's row lock. */
export async function setPaymentRefunded(trx: Executor, paymentId: string, refundedMinor: number) {
  await trx
    .updateTable('payments')
    .set({ refunded_minor: refundedMinor })
    .where('id', '=', paymentId)
    .execute();
}

// ---- refunds -------------------------------------------------------------------------------------

/**
 * Serialises every booking of one idempotency key, whichever payment it names, until the
 * transaction ends: the second booking of a key waits for the first and then finds it.
 */
export function serializeRefundKey(trx: Executor, idempotencyKey: string) {
  return serializeLimit(trx, `payment-refund-key:${idempotencyKey}`);
}

export function findRefundByKey(db: Executor, idempotencyKey: string) {
  return db
    .selectFrom('payment_refunds')
    .selectAll()
    .where('idempotency_key', '=', idempotencyKey)
    .executeTakeFirst();
}

export function findRefundByProviderRef(db: Executor, provider: string, providerRef: string) {
  return db
    .selectFrom('payment_refunds')
    .selectAll()
    .where('provider', '=', provider)
    .where('provider_ref', '=', providerRef)
    .executeTakeFirst();
}

export function lockRefund(trx: Executor, id: string) {
  return trx
    .selectFrom('payment_refunds')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirstOrThrow();
}

export type RefundRow = Awaited<ReturnType<typeof lockRefund>>;

export async function insertRefund(trx: Executor, row: PaymentRefundsTable) {
  await trx.insertInto('payment_refunds').values(row).execute();
}

export async function setRefundOutcome(
  trx: Executor,
  id: string,
  set: {
    status: RefundStatus;
    failure_reason: string | null;
    updated_at: Date;
    settled_at?: Date;
    failed_at?: Date;
  },
) {
  await trx.updateTable('payment_refunds').set(set).where('id', '=', id).execute();
}

// ---- store credit --------------------------------------------------------------------------------

/** Every entry of the account's store-credit ledger, with its amount and currency. */
export function listStoreCreditAmounts(db: Executor, accountId: string) {
  return db
    .selectFrom('store_credit_entries')
    .select(['amount_minor', 'currency'])
    .where('account_id', '=', accountId)
    .execute();
}

export async function insertStoreCreditEntry(
  trx: Executor,
  row: {
    id: string;
    account_id: string;
    amount_minor: number;
    currency: string;
    reason: string;
    case_id: string | null;
    created_by: string | null;
    created_at: Date;
  },
) {
  await trx.insertInto('store_credit_entries').values(row).execute();
}

// ---- subscriptions -------------------------------------------------------------------------------

const subscriptionTerm = ['id', 'account_id', 'status', 'cancel_effective_on'] as const;

export function findSubscription(db: Executor, id: string) {
  return db.selectFrom('subscriptions').select(subscriptionTerm).where('id', '=', id).executeTakeFirst();
}

export function lockSubscription(trx: Executor, id: string) {
  return trx
    .selectFrom('subscriptions')
    .select(subscriptionTerm)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

/** The subscription's status and term, or SUBSCRIPTION_NOT_FOUND naming `field`. */
export async function findSubscriptionOrThrow(db: Executor, id: string, field = 'params.id') {
  const row = await findSubscription(db, id);
  return orNotFound(row, BillingErrors.SUBSCRIPTION_NOT_FOUND, 'Subscription', id, field);
}

/** The subscription's status and term, locked for the rest of the transaction, or SUBSCRIPTION_NOT_FOUND. */
export async function lockSubscriptionOrThrow(trx: Executor, id: string, field = 'params.id') {
  const row = await lockSubscription(trx, id);
  return orNotFound(row, BillingErrors.SUBSCRIPTION_NOT_FOUND, 'Subscription', id, field);
}

export async function markSubscriptionCancelled(trx: Executor, id: string) {
  await trx
    .updateTable('subscriptions')
    .set({ status: 'cancelled', next_renewal_on: null })
    .where('id', '=', id)
    .execute();
}

// ---- the account's billing, for the account view -------------------------------------------------

/**
 * Everything the account view shows of billing, as one JSON value to nest in the account's own
 * select (one round trip for the whole view): subscriptions with their plan, the newest 50
 * orders, payments and invoices, every open invoice (the balance counts them all) and the
 * store-credit ledger. Map it with `toBillingSummary`.
 */
export function billingSummaryJson(db: Executor, accountId: string) {
  return jsonBuildObject({
    subscriptions: jsonArrayFrom(
      db
        .selectFrom('subscriptions')
        .innerJoin('plans', 'plans.id', 'subscriptions.plan_id')
        .select([
          'subscriptions.id',
          'plans.code',
          'plans.name_de',
          'plans.name_en',
          'plans.tier',
          'subscriptions.status',
          'subscriptions.price_minor',
          'subscriptions.currency',
          'subscriptions.cycle',
          'subscriptions.started_at',
          'subscriptions.current_period_start',
          'subscriptions.current_period_end',
          'subscriptions.next_renewal_on',
          'subscriptions.cancel_effective_on',
          'subscriptions.paused_until',
        ])
        .where('subscriptions.account_id', '=', accountId)
        .orderBy('subscriptions.started_at', 'desc'),
    ),
    orders: jsonArrayFrom(
      db
        .selectFrom('orders')
        .innerJoin('products', 'products.id', 'orders.product_id')
        .select([
          'orders.id',
          'orders.order_number',
          'products.name_de',
          'products.name_en',
          'products.category',
          'orders.quantity',
          'orders.total_minor',
          'orders.currency',
          'orders.status',
          'orders.ordered_at',
          'orders.delivered_at',
        ])
        .where('orders.account_id', '=', accountId)
        .orderBy('orders.ordered_at', 'desc')
        .limit(50),
    ),
    payments: jsonArrayFrom(
      db
        .selectFrom('payments')
        .select([
          'id',
          'amount_minor',
          'refunded_minor',
          'currency',
          'method',
          'status',
          'paid_at',
          'invoice_id',
          'order_id',
          'subscription_id',
        ])
        .where('account_id', '=', accountId)
        .orderBy('paid_at', 'desc')
        .limit(50),
    ),
    invoices: jsonArrayFrom(
      db
        .selectFrom('invoices')
        .select([
          'id',
          'invoice_number',
          'amount_minor',
          'paid_minor',
          'currency',
          'status',
          'issued_at',
          'due_on',
        ])
        .where('account_id', '=', accountId)
        .orderBy('issued_at', 'desc')
        .limit(50),
    ),
    openInvoices: jsonArrayFrom(
      db
        .selectFrom('invoices')
        .select(['amount_minor', 'paid_minor', 'currency', 'due_on'])
        .where('account_id', '=', accountId)
        .where('status', '=', 'open'),
    ),
    storeCredit: jsonArrayFrom(
      db
        .selectFrom('store_credit_entries')
        .select(['id', 'amount_minor', 'currency', 'reason', 'case_id', 'created_at'])
        .where('account_id', '=', accountId)
        .orderBy('created_at', 'desc'),
    ),
  });
}

// ---- what a refund request is evaluated on -------------------------------------------------------

/**
 * The payment with the order, product and subscription it paid for, and in the same statement
 * what the refund desk reads of its account beside it: the sums of the account's succeeded
 * payments in the payment's currency (before refunds), the refunds since `since` that did not
 * fail and the store-credit grants since `since` (each newest first, at most `limit`), and the
 * subscription's succeeded payments (oldest first; none without a subscription).
 */
export async function findPaymentRefundSubject(
  db: Executor,
  input: { paymentId: string; since: Date; limit: number },
) {
  const found = await db
    .selectFrom('payments')
    .leftJoin('orders', 'orders.id', 'payments.order_id')
    .leftJoin('products', 'products.id', 'orders.product_id')
    .leftJoin('subscriptions', 'subscriptions.id', 'payments.subscription_id')
    .selectAll('payments')
    .select((eb) => [
      'orders.ordered_at',
      'orders.delivered_at',
      'orders.sales_channel',
      'products.category as product_category',
      'subscriptions.started_at as subscription_started_at',
      'subscriptions.cycle as subscription_cycle',
      'subscriptions.current_period_start',
      'subscriptions.current_period_end',
      'subscriptions.cancel_effective_on',
      eb
        .selectFrom('payments as paid')
        .select((p) => p.fn.sum<string | number | null>('paid.amount_minor').as('sum'))
        .whereRef('paid.account_id', '=', 'payments.account_id')
        .whereRef('paid.currency', '=', 'payments.currency')
        .where('paid.status', '=', 'succeeded')
        .as('account_paid_minor'),
      eb
        .selectFrom('payments as paid')
        .select((p) => p.fn.sum<string | number | null>('paid.refunded_minor').as('sum'))
        .whereRef('paid.account_id', '=', 'payments.account_id')
        .whereRef('paid.currency', '=', 'payments.currency')
        .where('paid.status', '=', 'succeeded')
        .as('account_refunded_minor'),
      jsonArrayFrom(
        eb
          .selectFrom('payment_refunds as back')
          .select(['back.id', 'back.amount_minor', 'back.currency', 'back.created_at'])
          .whereRef('back.account_id', '=', 'payments.account_id')
          .where('back.status', '!=', 'failed')
          .where('back.created_at', '>=', input.since)
          .orderBy('back.created_at', 'desc')
          .limit(input.limit),
      ).as('refunds_json'),
      jsonArrayFrom(
        eb
          .selectFrom('store_credit_entries as credit')
          .select(['credit.id', 'credit.amount_minor', 'credit.currency', 'credit.created_at'])
          .whereRef('credit.account_id', '=', 'payments.account_id')
          .where('credit.amount_minor', '>', 0)
          .where('credit.created_at', '>=', input.since)
          .orderBy('credit.created_at', 'desc')
          .limit(input.limit),
      ).as('credits_json'),
      jsonArrayFrom(
        eb
          .selectFrom('payments as renewal')
          .select(['renewal.id', 'renewal.paid_at'])
          .whereRef('renewal.subscription_id', '=', 'payments.subscription_id')
          .where('renewal.status', '=', 'succeeded')
          .orderBy('renewal.paid_at')
          .orderBy('renewal.id'),
      ).as('subscription_payments_json'),
    ])
    .where('payments.id', '=', input.paymentId)
    .executeTakeFirst();
  if (!found) return undefined;
  const {
    refunds_json,
    credits_json,
    subscription_payments_json,
    account_paid_minor,
    account_refunded_minor,
    ...row
  } = found;
  return {
    ...row,
    accountSums: { paid: Number(account_paid_minor ?? 0), refunded: Number(account_refunded_minor ?? 0) },
    refunds: refunds_json.map(timestampsFromJson),
    credits: credits_json.map(timestampsFromJson),
    subscriptionPayments: subscription_payments_json.map(timestampsFromJson),
  };
}

// ---- subscription lifecycle (cancellation, revocation, renewal) ----------------------------------

const subscriptionDetail = (db: Executor) =>
  db
    .selectFrom('subscriptions')
    .innerJoin('plans', 'plans.id', 'subscriptions.plan_id')
    .selectAll('subscriptions')
    .select(['plans.code as plan_code', 'plans.name_de as plan_name_de', 'plans.name_en as plan_name_en']);

export type SubscriptionDetailRow = NonNullable<Awaited<ReturnType<typeof findSubscriptionDetail>>>;

/** The subscription's whole row with its plan's code and names. */
export function findSubscriptionDetail(db: Executor, id: string) {
  return subscriptionDetail(db).where('subscriptions.id', '=', id).executeTakeFirst();
}

/** The same, locked for the rest of the transaction (the subscriptions row only). */
export function lockSubscriptionDetail(trx: Executor, id: string) {
  return subscriptionDetail(trx)
    .where('subscriptions.id', '=', id)
    .forUpdate('subscriptions')
    .executeTakeFirst();
}

export async function updateSubscriptionTerm(
  trx: Executor,
  id: string,
  set: {
    status: 'active' | 'pending_cancellation' | 'cancelled';
    cancel_effective_on: string | null;
    next_renewal_on: string | null;
    cancelled_at: Date | null;
  },
) {
  await trx.updateTable('subscriptions').set(set).where('id', '=', id).execute();
}

/** The newest succeeded payment of a subscription (what its current period was paid with), or undefined. */
export function findNewestSubscriptionPayment(db: Executor, subscriptionId: string) {
  return db
    .selectFrom('payments')
    .select(['id', 'paid_at'])
    .where('subscription_id', '=', subscriptionId)
    .where('status', '=', 'succeeded')
    .orderBy('paid_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function advanceSubscriptionPeriod(
  trx: Executor,
  id: string,
  period: { start: string; end: string },
  discount: { discount_percent: number | null; discount_cycles_left: number | null },
) {
  await trx
    .updateTable('subscriptions')
    .set({
      current_period_start: period.start,
      current_period_end: period.end,
      next_renewal_on: period.end,
      ...discount,
    })
    .where('id', '=', id)
    .execute();
}

export async function insertRenewalInvoiceAndPayment(
  trx: Executor,
  row: {
    invoiceId: string;
    invoiceNumber: string;
    paymentId: string;
    accountId: string;
    subscriptionId: string;
    amountMinor: number;
    currency: string;
    issuedAt: Date;
    dueOn: string;
  },
) {
  await trx
    .insertInto('invoices')
    .values({
      id: row.invoiceId,
      invoice_number: row.invoiceNumber,
      account_id: row.accountId,
      subscription_id: row.subscriptionId,
      order_id: null,
      amount_minor: row.amountMinor,
      paid_minor: row.amountMinor,
      currency: row.currency,
      status: 'paid',
      issued_at: row.issuedAt,
      due_on: row.dueOn,
    })
    .execute();
  await trx
    .insertInto('payments')
    .values({
      id: row.paymentId,
      account_id: row.accountId,
      invoice_id: row.invoiceId,
      order_id: null,
      subscription_id: row.subscriptionId,
      amount_minor: row.amountMinor,
      currency: row.currency,
      method: 'sepa_debit',
      status: 'succeeded',
      provider_ref: null,
      paid_at: row.issuedAt,
    })
    .execute();
}

/** The account's billing as the account view shows it (see billingSummaryJson), read on its own. */
export async function selectBillingSummaryJson(db: Executor, accountId: string) {
  const row = await db
    .selectNoFrom(billingSummaryJson(db, accountId).as('billing'))
    .executeTakeFirstOrThrow();
  return row.billing;
}

/** What a daily subscription sweep looks for: the status it is in and the date column that is due. */
export const DUE = {
  end_of_term: { status: 'pending_cancellation', column: 'cancel_effective_on' },
  renewal: { status: 'active', column: 'next_renewal_on' },
  resume: { status: 'paused', column: 'paused_until' },
} as const;

/** Ids of the subscriptions whose `due` date is on or before `today`, after `after`, in id order (keyset batches). */
export function listDueSubscriptions(
  db: Executor,
  due: keyof typeof DUE,
  input: { today: string; after: string; limit: number },
) {
  const { status, column } = DUE[due];
  return db
    .selectFrom('subscriptions')
    .select('id')
    .where('status', '=', status)
    .where(column, '<=', input.today)
    .where('id', '>', input.after)
    .orderBy('id')
    .limit(input.limit)
    .execute();
}
