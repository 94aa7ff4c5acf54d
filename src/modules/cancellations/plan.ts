import type { Executor } from '../../platform/audit';
import type { UseCaseDeps } from '../../platform/deps';
import { DomainError } from '../../platform/errors';
import { money } from '../../platform/money';
import { findAccountOrThrow } from '../accounts';
import {
  accountBilling,
  newestSubscriptionPaymentId,
  type SubscriptionDetail,
  subscriptionDetail,
} from '../billing';
import { getPolicyInForce } from '../policy';
import { gatherFacts, loadPaymentContext } from '../refunds';
import { CancellationErrors } from './cancellations.errors';
import type { Effective } from './cancellations.table';
import {
  dataExportUntil,
  effectiveOnFor,
  lastBillingOn,
  type RefundOption,
  refundFor,
  serviceUntil,
  todayOf,
} from './rules';
import type { Explained, Lang } from './wording';

/** The policy's reason a cancellation reason is evaluated with (the policy scores its own codes). */
const POLICY_REASON: Record<string, string> = {
  too_expensive: 'price',
  not_using: 'not_satisfied',
  trial_only: 'trial_only',
  poor_support: 'poor_support',
  technical_problems: 'not_satisfied',
};

export interface CancellationPlan extends Explained {
  subscription: SubscriptionDetail;
  refundOption: RefundOption & { paymentId: string | null };
  /** What the subscription's status becomes. */
  subscriptionStatusAfter: 'pending_cancellation' | 'cancelled';
  language: Lang;
  openInvoices: number;
}

export interface PlanInput {
  accountId: string;
  subscriptionId: string;
  reasonCode: string;
  effective: Effective;
  verification: 'verified' | 'override';
}

/**
 * Exactly what processing a cancellation with this option does, computed from billing, the
 * account and the policy in force: the dates, the refund and its basis, what is still owed. The
 * preview, the review, the script and the processing all read this one plan.
 */
export async function planCancellation(
  db: Executor,
  deps: UseCaseDeps,
  input: PlanInput,
): Promise<CancellationPlan> {
  const now = deps.clock.now();
  const sub = await subscriptionDetail(db, input.subscriptionId);
  if (!sub || sub.accountId !== input.accountId)
    throw new DomainError(
      CancellationErrors.CANCELLATION_SUBSCRIPTION_NOT_ON_ACCOUNT,
      `Subscription ${input.subscriptionId} is not one of this account's`,
      { field: 'body.subscriptionId' },
    );
  const account = await findAccountOrThrow(db, input.accountId, 'params.id');
  const today = todayOf(now, deps.config.timeZone);
  const billing = await accountBilling(db, { accountId: account.id, today, currency: account.currency });
  const refundOption = await refundOf(db, deps, { ...input, customerSince: account.signup_at });
  const effectiveOn = effectiveOnFor(input.effective, sub.period, today);
  return {
    effective: input.effective,
    planName: sub.planName,
    effectiveOn,
    serviceUntil: serviceUntil(input.effective, sub.period, today),
    lastBillingOn: lastBillingOn(sub.period),
    refund: refundOption.amount,
    outstanding: money(billing.balance.outstandingMinor, billing.balance.currency),
    exportUntil: dataExportUntil(effectiveOn),
    subscription: sub,
    refundOption,
    subscriptionStatusAfter: input.effective === 'immediate' ? 'cancelled' : 'pending_cancellation',
    language: account.language,
    openInvoices: billing.invoices.filter((i) => i.status === 'open').length,
  };
}

/** The refund of this option: the newest payment of the subscription evaluated with the refund desk's facts. */
async function refundOf(
  db: Executor,
  deps: UseCaseDeps,
  input: PlanInput & { customerSince: Date },
): Promise<RefundOption & { paymentId: string | null }> {
  const now = deps.clock.now();
  const policy = await getPolicyInForce({ ...deps, db: db as UseCaseDeps['db'] });
  const paymentId =
    input.effective === 'immediate' ? await newestSubscriptionPaymentId(db, input.subscriptionId) : null;
  const context = paymentId ? await loadPaymentContext(db, paymentId, now) : null;
  if (!context || context.payment.remainder.amountMinor <= 0)
    return { ...refundFor(input.effective, null, policy, now), paymentId: null };
  const facts = await gatherFacts(
    db,
    {
      context,
      reasonCode: POLICY_REASON[input.reasonCode] ?? 'other',
      customerSince: input.customerSince,
      verification: input.verification,
      requestedMinor: context.payment.remainder.amountMinor,
    },
    now,
  );
  const option = refundFor(input.effective, { ...facts, requested: null }, policy, now);
  return { ...option, paymentId: option.amount.amountMinor > 0 ? paymentId : null };
}

/** The key the refund of a cancellation is booked under in billing: one refund per cancellation, ever. */
export const cancellationRefundKey = (id: string) => `cancellation:${id}`;

/** What the customer paid minus what they got back (billing's lifetime value), zero without a payment. */
export async function lifetimeValueOf(db: Executor, subscriptionId: string, now: Date, currency: string) {
  const paymentId = await newestSubscriptionPaymentId(db, subscriptionId);
  const context = paymentId ? await loadPaymentContext(db, paymentId, now) : null;
  return context?.lifetimeValue ?? money(0, currency);
}
