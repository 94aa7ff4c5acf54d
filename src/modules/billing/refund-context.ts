import type { Executor } from '../../platform/audit';
import { type Money, moneyFromColumn, subtractMoney } from '../../platform/money';
import { findPaymentRefundSubject } from './billing.repository';
import type { ProductCategory, SalesChannel } from './billing.table';
import { refundableRemainder } from './refunds';

/** Money that went back to an account: a refund to a payment or a store-credit grant. */
export interface MoneyBack {
  /** Billing's id: rfd_… for a refund, scr_… for store credit. */
  id: string;
  at: Date;
  amount: Money;
}

/** What billing knows about a payment and its account that a refund evaluation reads. */
export interface PaymentRefundContext {
  payment: {
    id: string;
    accountId: string;
    orderId: string | null;
    status: 'succeeded' | 'failed' | 'pending';
    paid: Money;
    alreadyRefunded: Money;
    remainder: Money;
    paidAt: Date;
    /** The product's category; a subscription payment is 'subscription'; null when billing cannot tell. */
    category: ProductCategory | null;
    purchasedAt: Date;
    deliveredAt: Date | null;
    /** Where the order was sold; null for a payment without an order (a subscription, signed up online). */
    salesChannel: SalesChannel | null;
  };
  subscription: {
    signedUpAt: Date;
    isFirstPayment: boolean;
    interval: 'monthly' | 'annual';
    period: { start: string; end: string };
    cancelEffectiveOn: string | null;
    /** The newest renewal payment (any payment of the subscription after its first). */
    lastRenewedAt: Date | null;
  } | null;
  /** Paid minus refunded over the account's succeeded payments in the payment's currency. */
  lifetimeValue: Money;
  /** Refunds and store-credit grants since `since`, in the payment's currency, newest first. */
  moneyBack: MoneyBack[];
}

/**
 * The payment (null when there is none with that id) with the order, product and subscription it
 * paid for, and the account's money back since `since`: what the refund desk gathers its facts
 * from, in one place, read in the caller's transaction.
 */
export async function paymentRefundContext(
  db: Executor,
  input: { paymentId: string; since: Date; limit: number },
): Promise<PaymentRefundContext | null> {
  // one statement: the payment with what it paid for, and its account's sums and money back
  const row = await findPaymentRefundSubject(db, input);
  if (!row) return null;
  const currency = row.currency;
  const sums = row.accountSums;
  const moneyBack = [...row.refunds, ...row.credits]
    .filter((r) => r.currency === currency)
    .map((r) => ({ id: r.id, at: r.created_at, amount: moneyFromColumn(r.amount_minor, r.currency) }))
    .sort((a, b) => b.at.getTime() - a.at.getTime() || (a.id < b.id ? 1 : -1))
    .slice(0, input.limit);
  return {
    payment: {
      id: row.id,
      accountId: row.account_id,
      orderId: row.order_id,
      status: row.status,
      paid: moneyFromColumn(row.amount_minor, currency),
      alreadyRefunded: moneyFromColumn(row.refunded_minor, currency),
      remainder: refundableRemainder(row),
      paidAt: row.paid_at,
      category: row.subscription_id ? 'subscription' : (row.product_category ?? null),
      purchasedAt: row.ordered_at ?? row.paid_at,
      deliveredAt: row.delivered_at ?? null,
      salesChannel: row.sales_channel ?? null,
    },
    subscription: row.subscription_id ? subscriptionContext(row) : null,
    lifetimeValue: subtractMoney(
      moneyFromColumn(sums.paid, currency),
      moneyFromColumn(sums.refunded, currency),
    ),
    moneyBack,
  };
}

type SubjectRow = NonNullable<Awaited<ReturnType<typeof findPaymentRefundSubject>>>;

function subscriptionContext(row: SubjectRow): PaymentRefundContext['subscription'] {
  const payments = row.subscriptionPayments;
  const renewals = payments.slice(1);
  return {
    signedUpAt: row.subscription_started_at!,
    isFirstPayment: payments[0]?.id === row.id || payments.length === 0,
    interval: row.subscription_cycle!,
    period: { start: row.current_period_start!, end: row.current_period_end! },
    cancelEffectiveOn: row.cancel_effective_on ?? null,
    lastRenewedAt: renewals.length > 0 ? renewals[renewals.length - 1]!.paid_at : null,
  };
}
