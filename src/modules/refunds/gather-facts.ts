import type { Executor } from '../../platform/audit';
import { DomainError } from '../../platform/errors';
import { type PaymentRefundContext, paymentRefundContext } from '../billing';
import { listAccountComplaintTimes } from '../cases';
import { BASES, type Basis, type RefundFacts, refundFacts } from '../policy';
import { RefundErrors } from './refunds.errors';
import { findAccountRequestHistory, listExecutionBases } from './refunds.repository';

/** How far back the customer's refunds and requests are read (the policy counts 12 months). */
export const HISTORY_DAYS = 366;
/** At most this many earlier refunds and requests (the facts schema's bound). */
export const HISTORY_LIMIT = 1000;

/** What billing knows of the payment, with the account's money back within the history window. */
export function loadPaymentContext(db: Executor, paymentId: string, now: Date) {
  return paymentRefundContext(db, {
    paymentId,
    since: new Date(now.getTime() - HISTORY_DAYS * 86_400_000),
    limit: HISTORY_LIMIT,
  });
}

export interface FactsInput {
  context: PaymentRefundContext;
  reasonCode: string;
  customerSince: Date;
  verification: 'verified' | 'override';
  requestedMinor: number;
  /** The request being evaluated again (resubmitted): it is not one of its own earlier requests. */
  excludeRequestId?: string;
}

/**
 * The facts a refund evaluation reads, gathered from billing's context, the account and the
 * earlier refund requests, and validated with the policy's `refundFacts`: what the evaluation
 * used is exactly what is stored. Billing that cannot say what a payment paid for is a 409.
 */
export async function gatherFacts(db: Executor, input: FactsInput, now: Date): Promise<RefundFacts> {
  const { context } = input;
  const { payment } = context;
  const since = new Date(now.getTime() - HISTORY_DAYS * 86_400_000);
  // the earlier requests and the bases of the refunds the desk executed: one statement
  const history = await findAccountRequestHistory(db, {
    accountId: payment.accountId,
    since,
    limit: HISTORY_LIMIT + 1,
    refs: context.moneyBack.map((m) => m.id),
  });
  const requests = history.requests.filter((r) => r.id !== input.excludeRequestId).slice(0, HISTORY_LIMIT);
  const bases = basesFrom(history.bases);
  const complaints = await listAccountComplaintTimes(db, payment.accountId, since, HISTORY_LIMIT);
  const candidate = {
    payment: {
      paid: payment.paid,
      alreadyRefunded: payment.alreadyRefunded,
      category: payment.category,
      purchasedAt: payment.purchasedAt.toISOString(),
      deliveredAt: payment.deliveredAt?.toISOString() ?? null,
      // sold online, by phone or by mail (and every subscription): a distance contract; a shop sale is not
      isDistanceContract: payment.salesChannel !== 'store',
      // digital content is delivered with the customer's consent, once it is delivered
      digitalDeliveryStartedWithConsent: payment.category === 'digital' && payment.deliveredAt !== null,
    },
    subscription: context.subscription && {
      signedUpAt: context.subscription.signedUpAt.toISOString(),
      isFirstPayment: context.subscription.isFirstPayment,
      interval: context.subscription.interval,
      period: context.subscription.period,
      cancelEffectiveOn: context.subscription.cancelEffectiveOn,
      lastRenewedAt: context.subscription.lastRenewedAt?.toISOString() ?? null,
    },
    reasonCode: input.reasonCode,
    customer: {
      customerSince: input.customerSince.toISOString(),
      lifetimeValue: context.lifetimeValue,
      verification: input.verification,
    },
    history: {
      refunds: context.moneyBack.map((m) => ({
        at: m.at.toISOString(),
        amount: m.amount,
        basis: bases.get(m.id) ?? 'goodwill',
      })),
      requests: requests.map((r) => ({ at: r.created_at.toISOString() })),
      complaints: complaints.map((c) => ({ at: c.opened_at.toISOString() })),
    },
    requested: { amountMinor: input.requestedMinor, currency: payment.paid.currency },
  };
  const parsed = refundFacts.safeParse(candidate);
  if (!parsed.success)
    throw new DomainError(
      RefundErrors.REFUND_FACTS_INCOMPLETE,
      `Payment ${payment.id} cannot be evaluated: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`,
      { field: 'body.paymentId' },
    );
  return parsed.data;
}

/** The basis each earlier refund was granted on, for the ones the refund desk executed (others: goodwill). */
export async function basesOf(db: Executor, accountId: string, refs: string[]): Promise<Map<string, Basis>> {
  return basesFrom(await listExecutionBases(db, accountId, refs));
}

function basesFrom(rows: Array<{ execution_ref: string | null; evaluation: unknown }>): Map<string, Basis> {
  const out = new Map<string, Basis>();
  for (const row of rows) {
    const basis = (row.evaluation as { basis?: string } | null)?.basis;
    if (row.execution_ref && BASES.includes(basis as Basis)) out.set(row.execution_ref, basis as Basis);
  }
  return out;
}
