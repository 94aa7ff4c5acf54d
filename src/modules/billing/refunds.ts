import { type Money, moneyFromColumn, subtractMoney } from '../../platform/money';
import type { RefundStatus } from './billing.table';

/** What is left to refund of a payment: paid minus refunded (pending refunds count as refunded). */
export function refundableRemainder(payment: {
  amount_minor: number | string;
  refunded_minor: number | string;
  currency: string;
}): Money {
  return subtractMoney(
    moneyFromColumn(payment.amount_minor, payment.currency),
    moneyFromColumn(payment.refunded_minor, payment.currency),
  );
}

/** A refund as billing answers it: the booking's state and what is left of the payment. */
export interface RefundBooking {
  refundId: string;
  paymentId: string;
  status: RefundStatus;
  amount: Money;
  providerRef: string | null;
  failureReason: string | null;
  /** What is left to refund of the payment now. */
  remainder: Money;
  /** True when this idempotency key had booked the refund before: nothing new was booked. */
  replayed: boolean;
}

export function toRefundBooking(
  refund: {
    id: string;
    payment_id: string;
    status: RefundStatus;
    amount_minor: number | string;
    currency: string;
    provider_ref: string | null;
    failure_reason: string | null;
  },
  remainder: Money,
  replayed: boolean,
): RefundBooking {
  return {
    refundId: refund.id,
    paymentId: refund.payment_id,
    status: refund.status,
    amount: moneyFromColumn(refund.amount_minor, refund.currency),
    providerRef: refund.provider_ref,
    failureReason: refund.failure_reason,
    remainder,
    replayed,
  };
}
