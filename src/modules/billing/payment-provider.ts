import { DomainError } from '../../platform/errors';
import type { Money } from '../../platform/money';
import { BillingErrors } from './billing.errors';
import type { PaymentProviderName } from './billing.table';

/**
 * The contract between billing and whoever moves a payment's money.
 *
 * Which provider a payment belongs to is data (`payments.provider`); billing looks the adapter up
 * by that name, so the use cases (refundPayment, reportRefundOutcome, and the refund desk on
 * top of them) never know which provider pays. Only the built-in provider exists today.
 *
 * Billing keeps kulanz's own record whatever the provider: the refund ledger
 * (`payment_refunds`, one row per idempotency key) and `payments.refunded_minor`, which counts
 * every refund that has not failed (pending and succeeded). Both change under the payment's row
 * lock, so refunds can never together exceed what was paid, and the same key never books twice.
 *
 * `refund` is asked once per booking, inside the booking transaction, after billing's guards
 * passed and while the payment's row is locked:
 * - it answers `succeeded` (the money is on its way back), `pending` (the provider will say later)
 *   or `failed` with a reason a person can read; with the provider's own reference when it has one;
 * - it must be idempotent under `idempotencyKey`: the transaction may roll back after it answered,
 *   and the caller then retries with the same key (a network adapter passes the key on, as
 *   Stripe's Idempotency-Key header does);
 * - it keeps the call short (it holds the payment's lock); an adapter that cannot answer quickly
 *   answers `pending`.
 *
 * Later news from the provider (a webhook, a settlement file) goes through `reportRefundOutcome`
 * with the provider's name and reference: `settled` turns a pending refund succeeded, `failed`
 * (with its reason) marks the refund failed and gives its amount back to the remainder.
 */
export interface PaymentProvider {
  /** The name payments carry in `payments.provider`. */
  readonly name: PaymentProviderName;
  refund(request: ProviderRefundRequest): Promise<ProviderRefundAnswer>;
}

export interface ProviderRefundRequest {
  /** kulanz's id of this refund (`rfd_…`), unique; a provider may use it as its own reference. */
  refundId: string;
  payment: { id: string; providerRef: string | null; method: string; amount: Money };
  amount: Money;
  idempotencyKey: string;
  reason: string;
}

export type ProviderRefundAnswer =
  | { status: 'succeeded' | 'pending'; providerRef: string }
  | { status: 'failed'; providerRef: string | null; failureReason: string };

/**
 * The built-in provider: kulanz's own tables are the books, so the refund booked in the ledger
 * is the refund, and it succeeds at once; its reference is the ledger row's id.
 */
export const builtInProvider: PaymentProvider = {
  name: 'kulanz',
  async refund(request) {
    return { status: 'succeeded', providerRef: request.refundId };
  },
};

/**
 * The bank transfer: the payout channel when a refund to the original payment failed. The finance
 * team transfers the money to the IBAN recorded with the execution, so the refund is booked as
 * pending (it counts against the payment's remainder) until it is reported settled.
 */
export const bankTransferProvider: PaymentProvider = {
  name: 'bank_transfer',
  async refund(request) {
    return { status: 'pending', providerRef: `bt_${request.refundId}` };
  },
};

const providers = new Map<PaymentProviderName, PaymentProvider>([
  [builtInProvider.name, builtInProvider],
  [bankTransferProvider.name, bankTransferProvider],
]);

/** Plugs an adapter in behind the interface (at start-up); answers a function that unplugs it. */
export function registerPaymentProvider(provider: PaymentProvider): () => void {
  if (providers.has(provider.name)) throw new Error(`payment provider ${provider.name} registered twice`);
  providers.set(provider.name, provider);
  return () => {
    if (provider !== builtInProvider && provider !== bankTransferProvider) providers.delete(provider.name);
  };
}

/** The adapter for a payment's provider, or PAYMENT_PROVIDER_UNAVAILABLE naming `field`. */
export function paymentProviderFor(name: PaymentProviderName, field: string): PaymentProvider {
  const provider = providers.get(name);
  if (!provider)
    throw new DomainError(
      BillingErrors.PAYMENT_PROVIDER_UNAVAILABLE,
      `No adapter for the payment provider ${name} is installed`,
      { field, provider: name },
    );
  return provider;
}
