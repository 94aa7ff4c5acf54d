import type { ColumnType, Generated } from 'kysely';

export type RefundRequestStatus =
  | 'evaluated'
  | 'pending_approval'
  | 'needs_info'
  | 'approved'
  | 'denied'
  | 'executed'
  | 'failed';

export type ExecutionMethod = 'original_payment' | 'store_credit' | 'bank_transfer';

type Json = ColumnType<unknown, string, string>;

/** One refund request: the facts and evaluation it was decided on, its decision and execution. */
export interface RefundRequestsTable {
  id: string;
  case_id: string;
  account_id: string;
  payment_id: string;
  order_id: string | null;
  reason_code: string;
  customer_words: string;
  mood: 'calm' | 'upset' | 'angry';
  requested_minor: number;
  currency: string;
  status: RefundRequestStatus;
  /** When the request entered its current status (the queue's waiting time counts from it). */
  status_since: Date;
  policy_version: number;
  /** Exactly the facts `evaluate` read (refundFacts). */
  facts: Json;
  /** What `evaluate` answered (evaluationResult). */
  evaluation: Json;
  /** The `now` the evaluation ran with. */
  evaluated_at: Date;
  decided_minor: number | null;
  decided_by: string | null;
  decided_at: Date | null;
  decision_note: string | null;
  /** The alternative offered on a denial ({ kind, note }). */
  alternative: ColumnType<unknown, string | null, string | null>;
  execution_method: ExecutionMethod | null;
  /** Billing's refund id (rfd_…) or store-credit entry id (scr_…). */
  execution_ref: string | null;
  failure_reason: string | null;
  idempotency_key: string | null;
  request_fingerprint: string | null;
  created_by: string;
  created_at: Date;
  updated_at: Date;
}

/** Every status change of a request, oldest first. */
export interface RefundRequestEventsTable {
  id: Generated<number>;
  request_id: string;
  at: Date;
  actor_id: string | null;
  action: string;
  from_status: RefundRequestStatus | null;
  to_status: RefundRequestStatus;
  note: string | null;
}

export type ExecutionStatus = 'pending' | 'succeeded' | 'failed';

/**
 * One attempt to move an approved request's money: committed with the decision (pending), then
 * executed by the worker under this row's lock; the provider is called with `idempotency_key`.
 */
export interface RefundExecutionsTable {
  id: string;
  request_id: string;
  method: ExecutionMethod;
  amount_minor: number;
  currency: string;
  idempotency_key: string;
  status: ExecutionStatus;
  /** How often the worker tried (a provider that could not be reached counts). */
  attempts: Generated<number>;
  last_error: string | null;
  /** Billing's refund id (rfd_…) or the store-credit entry (scr_…). */
  result_ref: string | null;
  failure_reason: string | null;
  /** For a bank transfer: the account holder and the IBAN (normalised, checksum verified). */
  payout_holder: string | null;
  payout_iban: string | null;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
  finished_at: Date | null;
}

/** An Idempotency-Key a decision was made under (per staff member): a replay answers that decision. */
export interface RefundDecisionKeysTable {
  actor_id: string;
  idempotency_key: string;
  request_id: string;
  fingerprint: string;
  created_at: Date;
}

export type EvidenceContentType = 'image/png' | 'image/jpeg' | 'image/webp' | 'image/gif' | 'application/pdf';

/** A file attached to a request as evidence (append-only: a record, never changed). */
export interface RefundRequestEvidenceTable {
  id: string;
  request_id: string;
  /** The name the file came with, made storable and safe (no path, no control characters). */
  file_name: string;
  /** What the bytes are, by their magic number; never the client's word. */
  content_type: EvidenceContentType;
  size_bytes: number;
  sha256: string;
  content: Uint8Array;
  uploaded_by: string;
  uploaded_at: Date;
}
