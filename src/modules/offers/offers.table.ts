import type { ColumnType, Generated } from 'kysely';

export type OfferKind = 'pause' | 'downgrade' | 'discount' | 'extension' | 'custom';
export type OfferEvent = 'shown' | 'accepted' | 'declined' | 'holdout';
export type SaveWatchStatus = 'pending' | 'confirmed' | 'lost';

type Json<T> = ColumnType<T, string, string>;

/** An offer an admin defined: its kind and terms, who it is for, its order and its limit. */
export interface RetentionOffersTable {
  id: string;
  kind: OfferKind;
  title_de: string;
  title_en: string;
  terms: Json<Record<string, unknown>>;
  eligibility: Json<Record<string, unknown>>;
  max_redemptions: number | null;
  redemptions: Generated<number>;
  is_active: Generated<boolean>;
  position: number;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
}

/** What happened to an offer on a case (append-only): shown, accepted, declined; or the case was held out. */
export interface OfferEventsTable {
  id: Generated<string>;
  case_id: string;
  account_id: string;
  subscription_id: string | null;
  offer_id: string | null;
  event: OfferEvent;
  terms: Json<Record<string, unknown>>;
  holdout: boolean;
  actor_id: string | null;
  at: Date;
}

/** The save watchlist: an accepted offer (or a held-out case) checked once after 30 days or on resume. */
export interface OfferSaveWatchesTable {
  id: string;
  case_id: string;
  account_id: string;
  subscription_id: string;
  offer_id: string | null;
  kind: OfferKind | null;
  holdout: boolean;
  status: SaveWatchStatus;
  check_at: Date;
  created_at: Date;
  decided_at: Date | null;
}

/** One row: the share of cases that sees no offer, and the salt of the assignment. */
export interface OfferSettingsTable {
  id: Generated<boolean>;
  holdout_percent: number;
  salt: string;
  updated_by: string | null;
  updated_at: Date;
}
