import type { Generated, JSONColumnType } from 'kysely';

export interface AuditEventsTable {
  id: Generated<number>;
  at: Date;
  actor_id: string | null;
  actor_role: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  account_id: string | null;
  case_id: string | null;
  changes: JSONColumnType<Record<string, unknown>, string, string>;
  request_id: string | null;
  ip: string | null;
}
