import type { ColumnType } from 'kysely';

/** Published refund policies: append-only (a trigger refuses UPDATE and DELETE). */
export interface PolicyVersionsTable {
  version: number;
  /** The business date from which this version decides (YYYY-MM-DD). */
  effective_from: string;
  /** The policy document (policyDocument), its `version` equal to the row's. */
  document: ColumnType<unknown, string, string>;
  published_by: string | null;
  published_at: Date;
}

/** The one policy an admin is editing, based on the published version it changes. */
export interface PolicyDraftsTable {
  only_one: ColumnType<boolean, boolean | undefined, never>;
  based_on: number;
  document: ColumnType<unknown, string, string>;
  updated_by: string;
  updated_at: Date;
}
