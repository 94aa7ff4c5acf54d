import type { ColumnType, Generated } from 'kysely';

/** One version of one reason of the taxonomy; a label change is a new version, never an update. */
export interface CancellationReasonVersionsTable {
  code: string;
  version: number;
  parent_code: string | null;
  label_de: string;
  label_en: string;
  position: number;
  /** Groups are not selectable; their children are. */
  is_selectable: boolean;
  /** The reason asks which competitor the customer is switching to. */
  needs_competitor: Generated<boolean>;
  is_retired: Generated<boolean>;
  created_by: string | null;
  created_at: Date;
}

export type CancellationStatus =
  | 'in_progress'
  | 'scheduled'
  | 'cancelled'
  | 'retained'
  | 'withdrawn'
  | 'revoked';
export type Effective = 'period_end' | 'immediate';
export type OffersOutcome = 'none' | 'holdout' | 'declined' | 'retained';

type Json = ColumnType<unknown, string | null, string | null>;

/** One cancellation request on a case: the steps of seed 000, each stamped when it was done. */
export interface CancellationRequestsTable {
  id: string;
  /** The reference number the customer is given (KND-…). */
  reference: string;
  case_id: string;
  account_id: string;
  subscription_id: string;
  status: CancellationStatus;
  reason_code: string;
  reason_version: number;
  customer_words: string;
  competitor: string | null;
  reviewed_at: Date | null;
  open_balance_minor: number | null;
  balance_discussed: boolean | null;
  explained_at: Date | null;
  explained_effective: Effective | null;
  offers_at: Date | null;
  offers_outcome: OffersOutcome | null;
  offers_shown: Json;
  accepted_offer_id: string | null;
  processed_at: Date | null;
  processed_by: string | null;
  effective: Effective | null;
  effective_on: string | null;
  last_billing_on: string | null;
  refund_minor: number | null;
  currency: string | null;
  refund_basis: string | null;
  refund_payment_id: string | null;
  refund_ref: string | null;
  refund_status: string | null;
  policy_version: number | null;
  end_job_id: string | null;
  confirmed_at: Date | null;
  confirmation_message_id: string | null;
  closed_at: Date | null;
  idempotency_key: string | null;
  request_fingerprint: string | null;
  created_by: string;
  created_at: Date;
  updated_at: Date;
}

/** Every step of a request, oldest first (append-only). */
export interface CancellationRequestEventsTable {
  id: Generated<number>;
  request_id: string;
  at: Date;
  actor_id: string | null;
  step: string;
  status: CancellationStatus;
  detail: Json;
}
