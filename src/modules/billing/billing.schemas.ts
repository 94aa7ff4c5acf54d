import { z } from 'zod';
import { timestampsFromJson } from '../../platform/json-rows';
import { type Money, moneyFromColumn, subtractMoney, sumMoney } from '../../platform/money';
import type { billingSummaryJson } from './billing.repository';
import { refundableRemainder } from './refunds';
import { storeCreditBalanceOf } from './store-credit';

const names = z.object({ de: z.string(), en: z.string() });

/** What the account view shows of billing (the account response spreads these fields in). */
export const billingSummaryResponse = z.object({
  subscriptions: z.array(
    z.object({
      id: z.string(),
      planCode: z.string(),
      planName: names,
      tier: z.string(),
      status: z.string(),
      priceMinor: z.number().int(),
      currency: z.string(),
      cycle: z.enum(['monthly', 'annual']),
      startedAt: z.date(),
      currentPeriodStart: z.string(),
      currentPeriodEnd: z.string(),
      nextRenewalOn: z.string().nullable(),
      cancelEffectiveOn: z.string().nullable(),
      pausedUntil: z.string().nullable(),
    }),
  ),
  orders: z.array(
    z.object({
      id: z.string(),
      orderNumber: z.string(),
      productName: names,
      category: z.string(),
      quantity: z.number().int(),
      totalMinor: z.number().int(),
      currency: z.string(),
      status: z.string(),
      orderedAt: z.date(),
      deliveredAt: z.date().nullable(),
    }),
  ),
  payments: z.array(
    z.object({
      id: z.string(),
      amountMinor: z.number().int(),
      refundedMinor: z.number().int(),
      /** What is left to refund: paid minus refunded for a payment that went through, else 0. */
      refundableMinor: z.number().int(),
      currency: z.string(),
      method: z.string(),
      status: z.string(),
      paidAt: z.date(),
      invoiceId: z.string().nullable(),
      orderId: z.string().nullable(),
      subscriptionId: z.string().nullable(),
    }),
  ),
  invoices: z.array(
    z.object({
      id: z.string(),
      invoiceNumber: z.string(),
      amountMinor: z.number().int(),
      paidMinor: z.number().int(),
      currency: z.string(),
      status: z.enum(['open', 'paid', 'void']),
      issuedAt: z.date(),
      dueOn: z.string(),
      overdue: z.boolean(),
    }),
  ),
  balance: z.object({
    outstandingMinor: z.number().int(),
    overdueMinor: z.number().int(),
    currency: z.string(),
  }),
  storeCredit: z.object({
    balanceMinor: z.number().int(),
    currency: z.string(),
    entries: z.array(
      z.object({
        id: z.string(),
        amountMinor: z.number().int(),
        reason: z.string(),
        caseId: z.string().nullable(),
        createdAt: z.date(),
      }),
    ),
  }),
});

export type BillingSummary = z.infer<typeof billingSummaryResponse>;
/** The value `billingSummaryJson` selects, as the driver hands it over (timestamps as text). */
export type BillingSummaryJson = NonNullable<ReturnType<typeof billingSummaryJson>['expressionType']>;

const minor = (amount: number | string, currency: string) => moneyFromColumn(amount, currency).amountMinor;

/** Still to pay of an invoice: the amount less what was paid. */
function owed(invoice: { amount_minor: number; paid_minor: number; currency: string }): Money {
  return subtractMoney(
    moneyFromColumn(invoice.amount_minor, invoice.currency),
    moneyFromColumn(invoice.paid_minor, invoice.currency),
  );
}

/**
 * The account view's billing part from billing's JSON (`billingSummaryJson`): money read through
 * one parser and summed as Money (an invoice or ledger entry in another currency than the
 * account's is an error, not a silent sum), invoices overdue by the company's calendar.
 */
export function toBillingSummary(
  json: BillingSummaryJson,
  context: { today: string; currency: string },
): BillingSummary {
  const { today, currency } = context;
  const open = json.openInvoices;
  return {
    subscriptions: json.subscriptions.map(timestampsFromJson).map((s) => ({
      id: s.id,
      planCode: s.code,
      planName: { de: s.name_de, en: s.name_en },
      tier: s.tier,
      status: s.status,
      priceMinor: minor(s.price_minor, s.currency),
      currency: s.currency,
      cycle: s.cycle,
      startedAt: s.started_at,
      currentPeriodStart: s.current_period_start,
      currentPeriodEnd: s.current_period_end,
      nextRenewalOn: s.next_renewal_on,
      cancelEffectiveOn: s.cancel_effective_on,
      pausedUntil: s.paused_until,
    })),
    orders: json.orders.map(timestampsFromJson).map((o) => ({
      id: o.id,
      orderNumber: o.order_number,
      productName: { de: o.name_de, en: o.name_en },
      category: o.category,
      quantity: o.quantity,
      totalMinor: minor(o.total_minor, o.currency),
      currency: o.currency,
      status: o.status,
      orderedAt: o.ordered_at,
      deliveredAt: o.delivered_at,
    })),
    payments: json.payments.map(timestampsFromJson).map((p) => ({
      id: p.id,
      amountMinor: minor(p.amount_minor, p.currency),
      refundedMinor: minor(p.refunded_minor, p.currency),
      refundableMinor: p.status === 'succeeded' ? refundableRemainder(p).amountMinor : 0,
      currency: p.currency,
      method: p.method,
      status: p.status,
      paidAt: p.paid_at,
      invoiceId: p.invoice_id,
      orderId: p.order_id,
      subscriptionId: p.subscription_id,
    })),
    invoices: json.invoices.map(timestampsFromJson).map((i) => ({
      id: i.id,
      invoiceNumber: i.invoice_number,
      amountMinor: minor(i.amount_minor, i.currency),
      paidMinor: minor(i.paid_minor, i.currency),
      currency: i.currency,
      status: i.status,
      issuedAt: i.issued_at,
      dueOn: i.due_on,
      overdue: i.status === 'open' && i.due_on < today,
    })),
    // the balance counts every open invoice, not only the newest 50 listed
    balance: {
      outstandingMinor: sumMoney(open.map(owed), currency).amountMinor,
      overdueMinor: sumMoney(open.filter((i) => i.due_on < today).map(owed), currency).amountMinor,
      currency,
    },
    storeCredit: {
      balanceMinor: storeCreditBalanceOf(json.storeCredit, currency).amountMinor,
      currency,
      entries: json.storeCredit.map(timestampsFromJson).map((c) => ({
        id: c.id,
        amountMinor: minor(c.amount_minor, c.currency),
        reason: c.reason,
        caseId: c.case_id,
        createdAt: c.created_at,
      })),
    },
  };
}
