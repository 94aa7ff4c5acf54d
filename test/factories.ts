import { hashFactor, normalizeFactor, type VerificationFactor } from '../src/modules/verification';
import { newId } from '../src/platform/ids';
import { foldName, normalizeEmail, normalizePhone } from '../src/platform/normalize';
import type { TestApp, TestClient } from './harness';

let counter = 0;
const unique = () =>
  `${Date.now().toString(36)}${(counter++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;

export interface AccountFactoryInput {
  firstName?: string;
  lastName?: string;
  email?: string | null;
  phone?: string | null;
  postalCode?: string;
  city?: string;
  street?: string;
  language?: 'de' | 'en';
  status?: 'active' | 'suspended' | 'closed';
  accountNumber?: string;
  /** Verification answers in clear; stored as keyed hashes like the real thing. */
  secrets?: Partial<Record<VerificationFactor, string>>;
  representatives?: Array<{
    firstName: string;
    lastName: string;
    relationship?: string;
    phone?: string;
    canCancel?: boolean;
    canRequestRefunds?: boolean;
    secrets?: Partial<Record<VerificationFactor, string>>;
  }>;
}

export const DEFAULT_SECRETS: Record<VerificationFactor, string> = {
  id_last4: '4711',
  date_of_birth: '1980-03-07',
  postal_code: '10115',
  full_name: 'Erika Mustermann',
  security_answer: 'Blauer Elefant',
};

async function storeSecrets(
  t: TestApp,
  accountId: string,
  subjectId: string,
  secrets: Partial<Record<VerificationFactor, string>>,
) {
  const now = t.clock.now();
  for (const [factor, value] of Object.entries(secrets) as Array<[VerificationFactor, string]>) {
    const normalized = normalizeFactor(factor, value);
    if (!normalized) throw new Error(`factory: cannot normalise ${factor}=${value}`);
    await t.db
      .insertInto('verification_secrets')
      .values({
        subject_id: subjectId,
        account_id: accountId,
        factor,
        secret_hash: hashFactor(t.secret, subjectId, factor, normalized),
        created_at: now,
      })
      .execute();
  }
}

/** Inserts an account with known verification answers (defaults: Erika Mustermann, see DEFAULT_SECRETS). */
export async function createAccount(t: TestApp, input: AccountFactoryInput = {}) {
  const now = t.clock.now();
  const id = newId('acc', now);
  const firstName = input.firstName ?? 'Erika';
  const lastName = input.lastName ?? 'Mustermann';
  const email = input.email === undefined ? `erika.${unique()}@example.de` : input.email;
  const phone = input.phone === undefined ? null : input.phone;
  const accountNumber =
    input.accountNumber ?? `K9${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
  await t.db
    .insertInto('accounts')
    .values({
      id,
      account_number: accountNumber,
      status: input.status ?? 'active',
      first_name: firstName,
      last_name: lastName,
      search_name: foldName(`${firstName} ${lastName}`),
      email,
      email_normalized: email ? normalizeEmail(email) : null,
      phone,
      phone_e164: phone ? normalizePhone(phone) : null,
      street: input.street ?? 'Invalidenstraße 1',
      postal_code: input.postalCode ?? '10115',
      city: input.city ?? 'Berlin',
      country: 'DE',
      language: input.language ?? 'de',
      acquisition_channel: 'search',
      signup_at: new Date(now.getTime() - 400 * 86_400_000),
      created_at: now,
      updated_at: now,
    })
    .execute();
  await storeSecrets(t, id, id, input.secrets ?? DEFAULT_SECRETS);
  const representatives: Array<{ id: string }> = [];
  for (const rep of input.representatives ?? []) {
    const repId = newId('rep', now);
    await t.db
      .insertInto('account_representatives')
      .values({
        id: repId,
        account_id: id,
        first_name: rep.firstName,
        last_name: rep.lastName,
        search_name: foldName(`${rep.firstName} ${rep.lastName}`),
        relationship: rep.relationship ?? 'spouse',
        email: null,
        phone: rep.phone ?? null,
        phone_e164: rep.phone ? normalizePhone(rep.phone) : null,
        can_cancel: rep.canCancel ?? false,
        can_request_refunds: rep.canRequestRefunds ?? false,
        created_at: now,
        revoked_at: null,
      })
      .execute();
    await storeSecrets(t, id, repId, rep.secrets ?? {});
    representatives.push({ id: repId });
  }
  return { id, accountNumber, firstName, lastName, email, phone, representatives };
}

/** Inserts an open case directly (tests of features that need a case but not the case API). */
export async function createCase(
  t: TestApp,
  accountId: string,
  input: { type?: 'cancellation' | 'refund' | 'inquiry' | 'complaint'; openedBy?: string | null } = {},
) {
  const now = t.clock.now();
  const id = newId('case', now);
  const caseNumber = `T-${unique()}`;
  await t.db
    .insertInto('cases')
    .values({
      id,
      case_number: caseNumber,
      account_id: accountId,
      type: input.type ?? 'inquiry',
      channel: 'phone',
      mood: 'calm',
      status: 'open',
      subject: null,
      assignee_id: input.openedBy ?? null,
      opened_by: input.openedBy ?? null,
      opened_at: now,
      updated_at: now,
      closed_at: null,
    })
    .execute();
  return { id, caseNumber };
}

/** A subscription, an open overdue invoice, a paid invoice with its payment, and store credit. */
export interface SubscriptionFactoryInput {
  status?: 'active' | 'pending_cancellation' | 'cancelled';
  /** The date a pending cancellation takes effect (YYYY-MM-DD); also the period end then. */
  cancelEffectiveOn?: string;
}

/** A subscription to the first catalogue plan: active for the year 2026 unless told otherwise. */
export async function addSubscription(t: TestApp, accountId: string, input: SubscriptionFactoryInput = {}) {
  const now = t.clock.now();
  const plan = await t.db.selectFrom('plans').selectAll().orderBy('code').executeTakeFirstOrThrow();
  const id = newId('sub', now);
  const ending = input.cancelEffectiveOn ?? null;
  await t.db
    .insertInto('subscriptions')
    .values({
      id,
      account_id: accountId,
      plan_id: plan.id,
      status: input.status ?? 'active',
      price_minor: plan.price_minor,
      cycle: plan.cycle,
      started_at: new Date(now.getTime() - 400 * 86_400_000),
      current_period_start: '2026-01-01',
      current_period_end: ending ?? '2026-12-31',
      next_renewal_on: ending ? null : '2027-01-01',
      cancel_effective_on: ending,
      cancelled_at: ending ? now : null,
      paused_until: null,
      created_at: now,
    })
    .execute();
  return { id, plan };
}

export async function addBilling(t: TestApp, accountId: string) {
  const now = t.clock.now();
  const { id: subscriptionId, plan } = await addSubscription(t, accountId);
  const invoice = (n: string, amount: number, paid: number, status: 'open' | 'paid', dueOn: string) =>
    t.db
      .insertInto('invoices')
      .values({
        id: newId('inv', now),
        invoice_number: `${n}-${unique()}`,
        account_id: accountId,
        subscription_id: subscriptionId,
        order_id: null,
        amount_minor: amount,
        paid_minor: paid,
        status,
        issued_at: now,
        due_on: dueOn,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
  await invoice('R-OVERDUE', 4999, 1000, 'open', '2020-01-15');
  await invoice('R-FUTURE', 2500, 0, 'open', '2099-01-15');
  const paid = await invoice('R-PAID', 9900, 9900, 'paid', '2020-01-01');
  await t.db
    .insertInto('payments')
    .values({
      id: newId('pay', now),
      account_id: accountId,
      invoice_id: paid.id,
      order_id: null,
      subscription_id: subscriptionId,
      amount_minor: 9900,
      refunded_minor: 900,
      method: 'card',
      status: 'succeeded',
      provider_ref: null,
      paid_at: now,
    })
    .execute();
  await t.db
    .insertInto('store_credit_entries')
    .values([
      {
        id: newId('scr', now),
        account_id: accountId,
        amount_minor: 1500,
        reason: 'goodwill',
        case_id: null,
        created_by: null,
        created_at: now,
      },
      {
        id: newId('scr', now),
        account_id: accountId,
        amount_minor: -500,
        reason: 'used',
        case_id: null,
        created_by: null,
        created_at: now,
      },
    ])
    .execute();
  return { plan, subscriptionId };
}

/** An order of the first catalogue product (German and English names come from the catalogue). */
export async function addOrder(t: TestApp, accountId: string, input: { quantity?: number } = {}) {
  const now = t.clock.now();
  const product = await t.db.selectFrom('products').selectAll().orderBy('sku').executeTakeFirstOrThrow();
  const id = newId('ord', now);
  const quantity = input.quantity ?? 2;
  await t.db
    .insertInto('orders')
    .values({
      id,
      order_number: `B-${unique()}`,
      account_id: accountId,
      product_id: product.id,
      quantity,
      total_minor: Number(product.price_minor) * quantity,
      currency: 'EUR',
      status: 'delivered',
      ordered_at: now,
      delivered_at: now,
    })
    .execute();
  return { id, product };
}

/** How many audit events the test database holds: a rejected request must not change it. */
export async function countAuditEvents(t: TestApp): Promise<number> {
  const row = await t.db
    .selectFrom('audit_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A fresh account with one open case on it (inserted directly, see createCase). */
export async function createAccountWithCase(t: TestApp, input: AccountFactoryInput = {}) {
  const account = await createAccount(t, input);
  return { account, kase: await createCase(t, account.id) };
}

/** Marks a caller as verified on a case directly, as a passed check leaves it (default: the holder, 30 minutes). */
export async function markVerified(
  t: TestApp,
  caseId: string,
  input: {
    subjectType?: 'holder' | 'representative' | 'override';
    representativeId?: string | null;
    canCancel?: boolean;
    canRequestRefunds?: boolean;
    verifiedAt?: Date;
    expiresAt?: Date;
  } = {},
) {
  const kase = await t.db
    .selectFrom('cases')
    .select('account_id')
    .where('id', '=', caseId)
    .executeTakeFirstOrThrow();
  const verifiedAt = input.verifiedAt ?? t.clock.now();
  const row = {
    case_id: caseId,
    account_id: kase.account_id,
    subject_type: input.subjectType ?? 'holder',
    representative_id: input.representativeId ?? null,
    can_cancel: input.canCancel ?? true,
    can_request_refunds: input.canRequestRefunds ?? true,
    verified_at: verifiedAt,
    expires_at: input.expiresAt ?? new Date(verifiedAt.getTime() + 30 * 60_000),
  };
  const { case_id: _, ...set } = row;
  await t.db
    .insertInto('case_verifications')
    .values(row)
    .onConflict((oc) => oc.column('case_id').doUpdateSet(set))
    .execute();
}

/** Sets an account's verification lockout directly (failures, lock, flag). */
export async function setLockout(
  t: TestApp,
  accountId: string,
  input: { failures?: number; lockedUntil?: Date | null; flaggedAt?: Date | null },
) {
  const row = {
    account_id: accountId,
    failures: input.failures ?? 0,
    locked_until: input.lockedUntil ?? null,
    flagged_at: input.flaggedAt ?? null,
  };
  const { account_id: _, ...set } = row;
  await t.db
    .insertInto('verification_lockouts')
    .values(row)
    .onConflict((oc) => oc.column('account_id').doUpdateSet(set))
    .execute();
}

/**
 * A paid order: a product of `category` (the catalogue's first of it), ordered and paid at
 * `orderedAt` (default now) and delivered at `deliveredAt` (default: when ordered), and the
 * succeeded payment for it (built-in provider unless told).
 */
export async function addPaidOrder(
  t: TestApp,
  accountId: string,
  input: {
    totalMinor: number;
    category?: 'digital' | 'physical' | 'service';
    orderedAt?: Date;
    deliveredAt?: Date | null;
    provider?: string;
    refundedMinor?: number;
    salesChannel?: 'online' | 'phone' | 'mail' | 'store';
  },
) {
  const orderedAt = input.orderedAt ?? t.clock.now();
  const product = await t.db
    .selectFrom('products')
    .selectAll()
    .where('category', '=', input.category ?? 'physical')
    .orderBy('sku')
    .executeTakeFirstOrThrow();
  const orderId = newId('ord', orderedAt);
  await t.db
    .insertInto('orders')
    .values({
      id: orderId,
      order_number: `B-${unique()}`,
      account_id: accountId,
      product_id: product.id,
      quantity: 1,
      total_minor: input.totalMinor,
      currency: 'EUR',
      status: 'delivered',
      ordered_at: orderedAt,
      delivered_at: input.deliveredAt === undefined ? orderedAt : input.deliveredAt,
      ...(input.salesChannel ? { sales_channel: input.salesChannel } : {}),
    })
    .execute();
  const paymentId = newId('pay', orderedAt);
  await t.db
    .insertInto('payments')
    .values({
      id: paymentId,
      account_id: accountId,
      invoice_id: null,
      order_id: orderId,
      subscription_id: null,
      amount_minor: input.totalMinor,
      refunded_minor: input.refundedMinor ?? 0,
      method: 'card',
      status: 'succeeded',
      provider: input.provider ?? 'kulanz',
      provider_ref: null,
      paid_at: orderedAt,
    })
    .execute();
  return { orderId, paymentId, product };
}

/**
 * A refund request recorded through the API by `agent`, on a new verified case of a new account:
 * a purchase of `category` (physical) for `totalMinor` (60 €) delivered `daysAgo` days ago, asked
 * back in full for `reasonCode` (not_satisfied); the account won over `channel` when given.
 * Throws unless the API answers 201. For the tests that replay recorded requests.
 */
export async function recordRefundRequest(
  t: TestApp,
  agent: TestClient,
  input: {
    daysAgo: number;
    reasonCode?: string;
    totalMinor?: number;
    category?: 'physical' | 'service';
    channel?: string;
  },
): Promise<{ id: string; caseId: string; facts: unknown; evaluation: any }> {
  const { reasonCode = 'not_satisfied', totalMinor = 6000, category = 'physical' } = input;
  const { account, kase } = await createAccountWithCase(t);
  if (input.channel)
    await t.db
      .updateTable('accounts')
      .set({ acquisition_channel: input.channel })
      .where('id', '=', account.id)
      .execute();
  await markVerified(t, kase.id);
  const { paymentId } = await addPaidOrder(t, account.id, {
    totalMinor,
    category,
    orderedAt: new Date(t.clock.now().getTime() - input.daysAgo * 86_400_000),
  });
  const res = await agent.post(`/api/cases/${kase.id}/refund-requests`, {
    paymentId,
    reasonCode,
    customerWords: 'Bitte zurücknehmen.',
    mood: 'calm',
    requestedMinor: totalMinor,
    currency: 'EUR',
  });
  if (res.status !== 201)
    throw new Error(`factory: refund request answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}
