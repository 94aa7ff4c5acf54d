import type { ColumnType } from 'kysely';

export interface SettingsTable {
  key: string;
  /** JSON: inserted and updated as a JSON string, read back parsed. */
  value: ColumnType<unknown, string, string>;
  updated_at: Date;
  updated_by: string | null;
}
