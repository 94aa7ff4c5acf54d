import { businessDate } from '../../../platform/clock';
import type { UseCaseDeps } from '../../../platform/deps';
import { DomainError } from '../../../platform/errors';
import { listCases, toCaseSummary } from '../../cases';
import { listCommitments, toCommitment } from '../../notes';
import { AccountErrors } from '../accounts.errors';

function monthsBetween(from: Date, to: Date): number {
  const months = (to.getUTCFullYear() - from.getUTCFullYear()) * 12 + (to.getUTCMonth() - from.getUTCMonth());
  return Math.max(0, to.getUTCDate() < from.getUTCDate() ? months - 1 : months);
}

/**
 * The account's whole situation for the agent on the call: holder and representatives, contact,
 * subscriptions, orders, payments, open invoices with the outstanding and overdue balance, store
 * credit, the latest cases, the promises still open (overdue by the company's calendar) and the
 * verification lock.
 */
export async function getAccount(deps: Pick<UseCaseDeps, 'db' | 'clock' | 'config'>, id: string) {
  const { db } = deps;
  const now = deps.clock.now();
  const today = businessDate(now, deps.config.timeZone);
  const a = await db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
  if (!a)
    throw new DomainError(AccountErrors.ACCOUNT_NOT_FOUND, `Account ${id} does not exist`, {
      field: 'params.id',
    });
  const [representatives, subscriptions, orders, payments, invoices, credit, cases] = await Promise.all([
    db
      .selectFrom('account_representatives')
      .selectAll()
      .where('account_id', '=', id)
      .where('revoked_at', 'is', null)
      .orderBy('created_at')
      .execute(),
    db
      .selectFrom('subscriptions')
      .innerJoin('plans', 'plans.id', 'subscriptions.plan_id')
      .selectAll('subscriptions')
      .select(['plans.code', 'plans.name_de', 'plans.name_en', 'plans.tier'])
      .where('subscriptions.account_id', '=', id)
      .orderBy('subscriptions.started_at', 'desc')
      .execute(),
    db
      .selectFrom('orders')
      .innerJoin('products', 'products.id', 'orders.product_id')
      .selectAll('orders')
      .select(['products.name_de', 'products.name_en', 'products.category'])
      .where('orders.account_id', '=', id)
      .orderBy('orders.ordered_at', 'desc')
      .limit(50)
      .execute(),
    db
      .selectFrom('payments')
      .selectAll()
      .where('account_id', '=', id)
      .orderBy('paid_at', 'desc')
      .limit(50)
      .execute(),
    db
      .selectFrom('invoices')
      .selectAll()
      .where('account_id', '=', id)
      .orderBy('issued_at', 'desc')
      .limit(50)
      .execute(),
    db
      .selectFrom('store_credit_entries')
      .selectAll()
      .where('account_id', '=', id)
      .orderBy('created_at', 'desc')
      .execute(),
    listCases(db, { accountId: id, limit: 20 }),
  ]);
  // the balance counts every open invoice, not only the newest 50 listed
  const openInvoices = await db
    .selectFrom('invoices')
    .select(['amount_minor', 'paid_minor', 'due_on'])
    .where('account_id', '=', id)
    .where('status', '=', 'open')
    .execute();
  const outstanding = openInvoices.reduce(
    (sum, i) => sum + (Number(i.amount_minor) - Number(i.paid_minor)),
    0,
  );
  const overdue = openInvoices
    .filter((i) => i.due_on < today)
    .reduce((sum, i) => sum + (Number(i.amount_minor) - Number(i.paid_minor)), 0);
  const openCommitments = await listCommitments(db, { accountId: id, status: 'open' });
  return {
    account: {
      id: a.id,
      accountNumber: a.account_number,
      status: a.status,
      firstName: a.first_name,
      lastName: a.last_name,
      email: a.email,
      phone: a.phone,
      phoneE164: a.phone_e164,
      street: a.street,
      postalCode: a.postal_code,
      city: a.city,
      country: a.country,
      language: a.language,
      acquisitionChannel: a.acquisition_channel,
      currency: a.currency,
      signupAt: a.signup_at,
      tenureMonths: monthsBetween(a.signup_at, now),
      verification: {
        failures: a.verification_failures,
        locked: Boolean(a.verification_locked_until && a.verification_locked_until > now),
        lockedUntil:
          a.verification_locked_until && a.verification_locked_until > now
            ? a.verification_locked_until
            : null,
        flaggedAt: a.verification_flagged_at,
      },
    },
    representatives: representatives.map((r) => ({
      id: r.id,
      firstName: r.first_name,
      lastName: r.last_name,
      relationship: r.relationship,
      email: r.email,
      phone: r.phone,
      canCancel: r.can_cancel,
      canRequestRefunds: r.can_request_refunds,
    })),
    subscriptions: subscriptions.map((s) => ({
      id: s.id,
      planCode: s.code,
      planName: { de: s.name_de, en: s.name_en },
      tier: s.tier,
      status: s.status,
      priceMinor: s.price_minor,
      currency: s.currency,
      cycle: s.cycle,
      startedAt: s.started_at,
      currentPeriodStart: s.current_period_start,
      currentPeriodEnd: s.current_period_end,
      nextRenewalOn: s.next_renewal_on,
      cancelEffectiveOn: s.cancel_effective_on,
      pausedUntil: s.paused_until,
    })),
    orders: orders.map((o) => ({
      id: o.id,
      orderNumber: o.order_number,
      productName: { de: o.name_de, en: o.name_en },
      category: o.category,
      quantity: o.quantity,
      totalMinor: o.total_minor,
      currency: o.currency,
      status: o.status,
      orderedAt: o.ordered_at,
      deliveredAt: o.delivered_at,
    })),
    payments: payments.map((p) => ({
      id: p.id,
      amountMinor: p.amount_minor,
      refundedMinor: p.refunded_minor,
      currency: p.currency,
      method: p.method,
      status: p.status,
      paidAt: p.paid_at,
      invoiceId: p.invoice_id,
      orderId: p.order_id,
      subscriptionId: p.subscription_id,
    })),
    invoices: invoices.map((i) => ({
      id: i.id,
      invoiceNumber: i.invoice_number,
      amountMinor: i.amount_minor,
      paidMinor: i.paid_minor,
      currency: i.currency,
      status: i.status,
      issuedAt: i.issued_at,
      dueOn: i.due_on,
      overdue: i.status === 'open' && i.due_on < today,
    })),
    balance: { outstandingMinor: outstanding, overdueMinor: overdue, currency: a.currency },
    storeCredit: {
      balanceMinor: credit.reduce((sum, c) => sum + c.amount_minor, 0),
      currency: a.currency,
      entries: credit.map((c) => ({
        id: c.id,
        amountMinor: c.amount_minor,
        reason: c.reason,
        caseId: c.case_id,
        createdAt: c.created_at,
      })),
    },
    cases: cases.map(toCaseSummary),
    openCommitments: openCommitments.map((row) => {
      const c = toCommitment(row, today);
      return {
        id: c.id,
        description: c.description,
        owner: c.owner,
        dueOn: c.dueOn,
        overdue: c.overdue,
        noteId: c.noteId,
        caseId: c.caseId,
        caseNumber: c.caseNumber,
      };
    }),
  };
}

export type AccountView = Awaited<ReturnType<typeof getAccount>>;
