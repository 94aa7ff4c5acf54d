import { writeAudit } from '../../../platform/audit';
import type { Trx, UseCaseDeps } from '../../../platform/deps';
import { DomainError } from '../../../platform/errors';
import { newId } from '../../../platform/ids';
import { addMoney, compareMoney, type Money, moneyFromColumn } from '../../../platform/money';
import { BillingErrors } from '../billing.errors';
import {
  findRefundByKey,
  insertRefund,
  lockPaymentOrThrow,
  type PaymentRow,
  type RefundRow,
  serializeRefundKey,
  setPaymentRefunded,
} from '../billing.repository';
import type { PaymentProviderName } from '../billing.table';
import { type ProviderRefundAnswer, paymentProviderFor } from '../payment-provider';
import {
  assertRefundable,
  REFUND_FIELDS,
  type RefundBooking,
  refundableRemainder,
  toRefundBooking,
} from '../refunds';

export interface RefundPaymentInput {
  paymentId: string;
  amount: Money;
  /** Books at most once: a second call with the key answers the first booking. */
  idempotencyKey: string;
  /** Why the money goes back, in words a colleague can read later. */
  reason: string;
  caseId?: string | null;
  /**
   * Pays out through another channel than the payment's own provider (the bank transfer after a
   * card refund failed); the refund still counts against this payment's remainder.
   */
  via?: PaymentProviderName;
}

const FIELDS = REFUND_FIELDS;

/**
 * Refunds (part of) a payment through its provider, in the caller's transaction: the payment is
 * locked, the amount must fit what is left of it (paid minus refunded, pending refunds counted),
 * the ledger books the provider's answer and the remainder shrinks unless the provider said
 * failed; audited with the booking. The same idempotency key never books twice: a repeat answers
 * the first booking as it stands now.
 */
export async function refundPayment(
  trx: Trx,
  deps: UseCaseDeps,
  input: RefundPaymentInput,
): Promise<RefundBooking> {
  const now = deps.clock.now();
  // 1. load: the key first, so every booking of one key waits for the one before it
  await serializeRefundKey(trx, input.idempotencyKey);
  const payment = await lockPaymentOrThrow(trx, input.paymentId, FIELDS.paymentId);
  const earlier = await findRefundByKey(trx, input.idempotencyKey);
  if (earlier) return replay(earlier, payment, input);
  // 2. guard
  const remainder = refundableRemainder(payment);
  assertRefundable(payment, input.amount, remainder);
  const provider = paymentProviderFor(input.via ?? payment.provider, FIELDS.paymentId);
  // 3. change: the provider answers, the ledger books what it said
  const refundId = newId('rfd', now);
  const answer = await provider.refund({
    refundId,
    payment: {
      id: payment.id,
      providerRef: payment.provider_ref,
      method: payment.method,
      amount: moneyFromColumn(payment.amount_minor, payment.currency),
    },
    amount: input.amount,
    idempotencyKey: input.idempotencyKey,
    reason: input.reason,
  });
  const refunded = moneyFromColumn(payment.refunded_minor, payment.currency);
  const refundedAfter = answer.status === 'failed' ? refunded : addMoney(refunded, input.amount);
  const refund = ledgerRow(refundId, payment, input, answer, deps, now, provider.name);
  await insertRefund(trx, refund);
  if (answer.status !== 'failed') await setPaymentRefunded(trx, payment.id, refundedAfter.amountMinor);
  // 4. audit
  await writeAudit(trx, deps.actor, now, {
    action: 'payment.refund_booked',
    entityType: 'payment',
    entityId: payment.id,
    accountId: payment.account_id,
    caseId: input.caseId ?? null,
    changes: {
      refundId,
      amountMinor: input.amount.amountMinor,
      currency: input.amount.currency,
      status: answer.status,
      provider: provider.name,
      reason: input.reason,
      ...(refund.failure_reason ? { failureReason: refund.failure_reason } : {}),
      refundedMinor: { from: refunded.amountMinor, to: refundedAfter.amountMinor },
    },
  });
  return toRefundBooking(
    refund,
    refundableRemainder({ ...payment, refunded_minor: refundedAfter.amountMinor }),
    false,
  );
}

/** The booking an earlier call with this key made, if this call asks for the same refund. */
function replay(earlier: RefundRow, payment: PaymentRow, input: RefundPaymentInput): RefundBooking {
  const same =
    earlier.payment_id === payment.id &&
    earlier.currency === input.amount.currency &&
    compareMoney(moneyFromColumn(earlier.amount_minor, earlier.currency), input.amount) === 0;
  if (!same)
    throw new DomainError(
      BillingErrors.IDEMPOTENCY_KEY_REUSED,
      'This Idempotency-Key already booked another refund (another payment or amount)',
      { field: FIELDS.idempotencyKey },
    );
  return toRefundBooking(earlier, refundableRemainder(payment), true);
}

function ledgerRow(
  id: string,
  payment: PaymentRow,
  input: RefundPaymentInput,
  answer: ProviderRefundAnswer,
  deps: UseCaseDeps,
  now: Date,
  providerName: PaymentProviderName,
) {
  return {
    id,
    payment_id: payment.id,
    account_id: payment.account_id,
    idempotency_key: input.idempotencyKey,
    amount_minor: input.amount.amountMinor,
    currency: input.amount.currency,
    status: answer.status,
    reason: input.reason,
    failure_reason: answer.status === 'failed' ? answer.failureReason : null,
    provider: providerName,
    provider_ref: answer.providerRef,
    case_id: input.caseId ?? null,
    requested_by: deps.actor.id,
    created_at: now,
    updated_at: now,
    settled_at: answer.status === 'succeeded' ? now : null,
    failed_at: answer.status === 'failed' ? now : null,
  };
}
