import type { Trx, UseCaseDeps } from '../../platform/deps';
import type { Money } from '../../platform/money';
import { grantStoreCredit, refundPayment } from '../billing';
import type { RefundRequestRow } from './refunds.repository';
import type { ExecutionMethod } from './refunds.table';

export interface Execution {
  method: ExecutionMethod;
  status: 'executed' | 'failed';
  ref: string | null;
  failureReason: string | null;
}

/** The idempotency key a request's refund is booked under: one booking per request, ever. */
export const refundKeyOf = (requestId: string) => `refund-request:${requestId}`;

/**
 * Pays an approved request back in the decision's transaction: to the original payment through
 * billing (its provider, under the payment's lock, once per the request's key), or as store credit.
 * Billing's refusals (the payment's remainder is used up meanwhile) roll the decision back.
 */
export async function executeRefund(
  trx: Trx,
  deps: UseCaseDeps,
  row: RefundRequestRow,
  amount: Money,
  method: ExecutionMethod,
): Promise<Execution> {
  const reason = `Refund request ${row.id} (${row.reason_code})`;
  if (method === 'store_credit') {
    const credit = await grantStoreCredit(trx, deps, {
      accountId: row.account_id,
      amount,
      reason,
      caseId: row.case_id,
    });
    return { method, status: 'executed', ref: credit.entryId, failureReason: null };
  }
  const booking = await refundPayment(trx, deps, {
    paymentId: row.payment_id,
    amount,
    idempotencyKey: refundKeyOf(row.id),
    reason,
    caseId: row.case_id,
  });
  return booking.status === 'failed'
    ? { method, status: 'failed', ref: booking.refundId, failureReason: booking.failureReason ?? 'failed' }
    : { method, status: 'executed', ref: booking.refundId, failureReason: null };
}
