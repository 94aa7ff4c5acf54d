// The dashboard's table (migration 0026): one row per cancellation request and refund request,
// written only by the database's triggers on those tables and on surveys, never by a use case.

export interface InsightEventsTable {
  kind: 'cancellation' | 'refund';
  /** The request's id. */
  id: string;
  case_id: string;
  account_id: string;
  /** When the request was made. */
  at: Date;
  reason: string;
  /** The plan code, or a one-off purchase's product SKU ('other' when neither). */
  plan: string;
  channel: string;
  language: string;
  /** Days since signup when the request was made, as the dashboard's bucket ('0-30' … '2y+'). */
  tenure: string;
  /** The staff member who recorded the request. */
  agent: string;
  approver: string | null;
  /** A refund the policy did not cover (an exception); never a cancellation. */
  is_exception: boolean;
  amount_minor: string | number | null;
  currency: string | null;
  outcome: string;
  decided_at: Date | null;
  is_approved: boolean;
  /** What an executed refund paid out, in its currency; 0 otherwise. */
  paid_minor: string | number;
  /** The answered survey ratings of the request's case: how many, their sum, and how many were 1–2. */
  answers: number;
  rating_sum: number;
  low_ratings: number;
  /** A cancellation's case: the retention offers shown and accepted (each once), and whether it was held out. */
  offers_shown: string[];
  offers_accepted: string[];
  held_out: boolean;
  /** The case's save check: the offer it watches (null for the holdout) and its status, if there is one. */
  save_offer: string | null;
  save_status: 'pending' | 'confirmed' | 'lost' | null;
}
