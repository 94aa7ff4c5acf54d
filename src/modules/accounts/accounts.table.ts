import type { Generated } from 'kysely';

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

/** The distinct words of all holders' and representatives' folded names (kept by triggers, 0022). */
export interface NameTokensTable {
  token: string;
  /** The word and its one-letter deletions: words one edit apart share one. */
  variants: string[];
}
