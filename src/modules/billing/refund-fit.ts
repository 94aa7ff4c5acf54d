import type { Trx } from '../../platform/deps';
import { type Money, subtractMoney } from '../../platform/money';
import { lockPaymentOrThrow } from './billing.repository';
import { paymentProviderFor } from './payment-provider';
import { assertRefundable, refundableRemainder } from './refunds';

export interface CheckRefundFitsInput {
  paymentId: string;
  amount: Money;
  /** Refunds of this payment promised but not booked yet (approved, waiting for the worker). */
  reserved: Money;
  /** The request field the payment came from, named when it is missing. */
  field: string;
}

/**
 * Checks, under the payment's row lock (held until the caller's transaction ends), that a refund
 * of `amount` fits what is left of the payment after the refunds already promised: a decision
 * that commits a refund for later is refused now rather than failing in the worker.
 */
export async function checkRefundFits(trx: Trx, input: CheckRefundFitsInput): Promise<Money> {
  const payment = await lockPaymentOrThrow(trx, input.paymentId, input.field);
  paymentProviderFor(payment.provider, input.field);
  const remainder = subtractMoney(refundableRemainder(payment), input.reserved);
  assertRefundable(payment, input.amount, remainder);
  return remainder;
}
