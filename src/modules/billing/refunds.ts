import { DomainError } from '../../platform/errors';
import {
  compareMoney,
  isPositiveMoney,
  type Money,
  moneyFromColumn,
  subtractMoney,
} from '../../platform/money';
import { BillingErrors } from './billing.errors';
import type { PaymentRow } from './billing.repository';
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

/** The request fields a refund route carries its input in (the refund desk's routes use these). */
export const REFUND_FIELDS = {
  paymentId: 'body.paymentId',
  amount: 'body.amountMinor',
  idempotencyKey: 'headers.idempotency-key',
};

/** The payment can give back `amount` of `remainder`: succeeded, a whole positive amount in its currency. */
export function assertRefundable(payment: PaymentRow, amount: Money, remainder: Money) {
  if (payment.status !== 'succeeded')
    throw new DomainError(
      BillingErrors.PAYMENT_NOT_REFUNDABLE,
      `Payment ${payment.id} is ${payment.status}; only a succeeded payment can be refunded`,
      { field: REFUND_FIELDS.paymentId, status: payment.status },
    );
  if (
    !Number.isSafeInteger(amount.amountMinor) ||
    !isPositiveMoney(amount) ||
    amount.currency !== payment.currency
  )
    throw new DomainError(
      BillingErrors.MONEY_AMOUNT_INVALID,
      `A refund of payment ${payment.id} is a whole positive amount in ${payment.currency}`,
      { field: REFUND_FIELDS.amount, currency: payment.currency },
    );
  if (compareMoney(amount, remainder) > 0)
    throw new DomainError(
      BillingErrors.REFUND_EXCEEDS_REMAINDER,
      `A refund of ${amount.amountMinor} exceeds what is left of payment ${payment.id} (${remainder.amountMinor} ${remainder.currency})`,
      { field: REFUND_FIELDS.amount, remainderMinor: remainder.amountMinor, currency: remainder.currency },
    );
}
