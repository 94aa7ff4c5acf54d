import { writeAudit } from '../../../platform/audit';
import type { UseCaseDeps } from '../../../platform/deps';
import { CommonErrors, DomainError, notFound } from '../../../platform/errors';
import { moneyFromColumn, subtractMoney } from '../../../platform/money';
import { BillingErrors } from '../billing.errors';
import {
  findRefundByProviderRef,
  lockPaymentOrThrow,
  lockRefund,
  setPaymentRefunded,
  setRefundOutcome,
} from '../billing.repository';
import type { RefundStatus } from '../billing.table';
import { type RefundBooking, refundableRemainder, toRefundBooking } from '../refunds';

export type RefundReport =
  /** The money arrived: a pending refund is now succeeded. */
  | { provider: string; providerRef: string; outcome: 'settled' }
  /** The refund did not go through (or bounced after it succeeded): its amount is refundable again. */
  | { provider: string; providerRef: string; outcome: 'failed'; failureReason: string };

/**
 * What a payment provider reports later about a refund it answered before: settled (pending →
 * succeeded) or failed with its reason (pending or succeeded → failed, and the amount goes back
 * to the payment's refundable remainder). A report that changes nothing (told twice, or a
 * settlement after a failure) answers the refund as it stands and writes nothing.
 */
export async function reportRefundOutcome(
  deps: UseCaseDeps,
  input: RefundReport,
): Promise<RefundBooking & { changed: boolean }> {
  if (input.outcome === 'failed' && !input.failureReason.trim())
    throw new DomainError(CommonErrors.VALIDATION_FAILED, 'A failed refund needs the reason it failed', {
      field: 'body.failureReason',
    });
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    // 1. load: the payment's lock first, as refundPayment takes it, then the refund under it
    const found = await findRefundByProviderRef(trx, input.provider, input.providerRef);
    if (!found)
      throw notFound(BillingErrors.REFUND_NOT_FOUND, 'Refund', input.providerRef, 'body.providerRef');
    const payment = await lockPaymentOrThrow(trx, found.payment_id, 'body.providerRef');
    const refund = await lockRefund(trx, found.id);
    // 2. guard: only a change of state is booked
    const to = nextStatus(refund.status, input.outcome);
    if (!to) return { ...toRefundBooking(refund, refundableRemainder(payment), false), changed: false };
    // 3. change
    const refunded = moneyFromColumn(payment.refunded_minor, payment.currency);
    const refundedAfter =
      to === 'failed'
        ? subtractMoney(refunded, moneyFromColumn(refund.amount_minor, refund.currency))
        : refunded;
    const failureReason = input.outcome === 'failed' ? input.failureReason.trim() : null;
    await setRefundOutcome(trx, refund.id, {
      status: to,
      failure_reason: failureReason,
      updated_at: now,
      ...(to === 'failed' ? { failed_at: now } : { settled_at: now }),
    });
    if (to === 'failed') await setPaymentRefunded(trx, payment.id, refundedAfter.amountMinor);
    // 4. audit
    await writeAudit(trx, deps.actor, now, {
      action: to === 'failed' ? 'payment.refund_failed' : 'payment.refund_settled',
      entityType: 'payment',
      entityId: payment.id,
      accountId: payment.account_id,
      caseId: refund.case_id,
      changes: {
        refundId: refund.id,
        status: { from: refund.status, to },
        ...(failureReason ? { failureReason } : {}),
        refundedMinor: { from: refunded.amountMinor, to: refundedAfter.amountMinor },
      },
    });
    const after = { ...refund, status: to, failure_reason: failureReason };
    return {
      ...toRefundBooking(
        after,
        refundableRemainder({ ...payment, refunded_minor: refundedAfter.amountMinor }),
        false,
      ),
      changed: true,
    };
  });
}

function nextStatus(from: RefundStatus, outcome: RefundReport['outcome']): RefundStatus | null {
  if (outcome === 'settled') return from === 'pending' ? 'succeeded' : null;
  return from === 'failed' ? null : 'failed';
}
