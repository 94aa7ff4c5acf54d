import { defineUniqueConstraints } from '../../platform/database-errors';
import { defineErrorCodes } from '../../platform/errors';

export const BillingErrors = defineErrorCodes({
  /** No payment with that id. */
  PAYMENT_NOT_FOUND: { status: 404, title: 'No such payment' },
  /** No subscription with that id. */
  SUBSCRIPTION_NOT_FOUND: { status: 404, title: 'No such subscription' },
  /** A provider reported on a refund kulanz has not booked (unknown provider reference). */
  REFUND_NOT_FOUND: { status: 404, title: 'No such refund' },
  /** Only a payment that went through (status succeeded) can be refunded. */
  PAYMENT_NOT_REFUNDABLE: { status: 409, title: 'This payment cannot be refunded' },
  /** A refund or credit amount is zero, negative or in another currency than the payment. */
  MONEY_AMOUNT_INVALID: { status: 400, title: 'The amount is not valid' },
  /** The refund is larger than what is left of the payment (paid minus refunded). */
  REFUND_EXCEEDS_REMAINDER: { status: 409, title: 'The refund is larger than the refundable remainder' },
  /** The payment belongs to a payment provider this installation has no adapter for. */
  PAYMENT_PROVIDER_UNAVAILABLE: { status: 409, title: 'The payment provider is not available' },
  /** The subscription is cancelled, expired or already ending: it cannot be cancelled (again). */
  SUBSCRIPTION_NOT_CANCELLABLE: { status: 409, title: 'This subscription cannot be cancelled' },
  /** Only a cancellation at period end that has not taken effect yet can be revoked. */
  SUBSCRIPTION_CANCELLATION_NOT_REVOCABLE: {
    status: 409,
    title: 'This cancellation can no longer be revoked',
  },
  /** The idempotency key was used for another refund (another payment or amount). */
  IDEMPOTENCY_KEY_REUSED: { status: 409, title: 'This Idempotency-Key was used for another request' },
});

defineUniqueConstraints({
  // the advisory lock on the key serialises bookings of one key, so only a booking that
  // bypasses refundPayment could hit this; it still answers the same as the check before it
  payment_refunds_idempotency_key: {
    code: BillingErrors.IDEMPOTENCY_KEY_REUSED,
    message: 'This idempotency key was already used for a refund',
    field: 'headers.idempotency-key',
  },
});
