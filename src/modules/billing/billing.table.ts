import type { Generated } from 'kysely';

export interface PlansTable {
  id: string;
  code: string;
  name_de: string;
  name_en: string;
  tier: 'basic' | 'plus' | 'premium';
  cycle: 'monthly' | 'annual';
  price_minor: number;
  currency: Generated<string>;
  is_active: Generated<boolean>;
}

export type ProductCategory = 'digital' | 'physical' | 'service' | 'subscription';

export interface ProductsTable {
  id: string;
  sku: string;
  name_de: string;
  name_en: string;
  category: ProductCategory;
  price_minor: number;
  currency: Generated<string>;
}

export type SubscriptionStatus =
  | 'trialing'
  | 'active'
  | 'paused'
  | 'past_due'
  | 'pending_cancellation'
  | 'cancelled'
  | 'expired';

export interface SubscriptionsTable {
  id: string;
  account_id: string;
  plan_id: string;
  status: SubscriptionStatus;
  price_minor: number;
  currency: Generated<string>;
  cycle: 'monthly' | 'annual';
  started_at: Date;
  current_period_start: string;
  current_period_end: string;
  next_renewal_on: string | null;
  cancel_effective_on: string | null;
  cancelled_at: Date | null;
  paused_until: string | null;
  /** A retention discount: percent off the renewal price for `discount_cycles_left` more renewals (0019). */
  discount_percent: Generated<number | null>;
  discount_cycles_left: Generated<number | null>;
  created_at: Date;
}

export interface OrdersTable {
  id: string;
  order_number: string;
  account_id: string;
  product_id: string;
  quantity: number;
  total_minor: number;
  currency: Generated<string>;
  status: 'placed' | 'shipped' | 'delivered' | 'cancelled' | 'returned';
  ordered_at: Date;
  delivered_at: Date | null;
  /** Where the contract was made: anything but a shop counter is a distance contract (§ 312c BGB). */
  sales_channel: Generated<SalesChannel>;
}

export type SalesChannel = 'online' | 'phone' | 'mail' | 'store';

export interface InvoicesTable {
  id: string;
  invoice_number: string;
  account_id: string;
  subscription_id: string | null;
  order_id: string | null;
  amount_minor: number;
  paid_minor: Generated<number>;
  currency: Generated<string>;
  status: 'open' | 'paid' | 'void';
  issued_at: Date;
  due_on: string;
}

/** Who moves the money of a payment: the built-in provider ('kulanz') or an adapter's name. */
export type PaymentProviderName = string;

export interface PaymentsTable {
  id: string;
  account_id: string;
  invoice_id: string | null;
  order_id: string | null;
  subscription_id: string | null;
  amount_minor: number;
  refunded_minor: Generated<number>;
  currency: Generated<string>;
  method: 'card' | 'sepa_debit' | 'paypal' | 'bank_transfer';
  status: 'succeeded' | 'failed' | 'pending';
  /** Which provider took the payment and refunds it ('kulanz' is the built-in one). */
  provider: Generated<PaymentProviderName>;
  provider_ref: string | null;
  paid_at: Date;
}

export interface StoreCreditEntriesTable {
  id: string;
  account_id: string;
  amount_minor: number;
  currency: Generated<string>;
  reason: string;
  case_id: string | null;
  created_by: string | null;
  created_at: Date;
}

export type RefundStatus = 'pending' | 'succeeded' | 'failed';

/** One refund of (part of) a payment, booked exactly once per idempotency key. */
export interface PaymentRefundsTable {
  id: string;
  payment_id: string;
  account_id: string;
  idempotency_key: string;
  amount_minor: number;
  currency: string;
  status: RefundStatus;
  reason: string;
  failure_reason: string | null;
  provider: PaymentProviderName;
  provider_ref: string | null;
  case_id: string | null;
  requested_by: string | null;
  created_at: Date;
  updated_at: Date;
  settled_at: Date | null;
  failed_at: Date | null;
}
