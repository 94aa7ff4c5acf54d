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

export type AccountStatus = 'active' | 'suspended' | 'closed';

export interface AccountsTable {
  id: string;
  account_number: string;
  status: AccountStatus;
  first_name: string;
  last_name: string;
  search_name: string;
  email: string | null;
  email_normalized: string | null;
  phone: string | null;
  phone_e164: string | null;
  street: string | null;
  postal_code: string | null;
  city: string | null;
  country: Generated<string>;
  language: 'de' | 'en';
  acquisition_channel: string;
  currency: Generated<string>;
  signup_at: Date;
  verification_failures: Generated<number>;
  verification_locked_until: Date | null;
  verification_flagged_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface AccountRepresentativesTable {
  id: string;
  account_id: string;
  first_name: string;
  last_name: string;
  search_name: string;
  relationship: string;
  email: string | null;
  phone: string | null;
  phone_e164: string | null;
  can_cancel: Generated<boolean>;
  can_request_refunds: Generated<boolean>;
  created_at: Date;
  revoked_at: Date | null;
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
}

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
