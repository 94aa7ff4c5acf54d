import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema';

export type Executor = Kysely<DB> | Transaction<DB>;

/** Who did it: a staff member, the system (jobs), or a customer (survey answers). */
export interface Actor {
  id: string | null;
  role: 'agent' | 'lead' | 'admin' | 'system' | 'customer';
  requestId?: string;
  ip?: string;
}

export const SYSTEM_ACTOR: Actor = { id: null, role: 'system' };

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string;
  accountId?: string | null;
  caseId?: string | null;
  changes?: Record<string, unknown>;
}

/**
 * Writes one audit event. Call it with the same transaction as the change it records, so
 * the two commit or roll back together. The table refuses updates and deletes.
 */
export async function writeAudit(trx: Executor, actor: Actor, at: Date, entry: AuditEntry): Promise<void> {
  await auditInsert(trx, actor, at, entry).execute();
}

/**
 * The insert of one audit event, not yet sent: a repository sends it as a CTE of the statement
 * that makes the change it records (`trx.with('audit', () => auditInsert(...))`), so the change
 * and its audit event are one round trip and commit or roll back together.
 */
export function auditInsert(db: Executor, actor: Actor, at: Date, entry: AuditEntry) {
  return db
    .insertInto('audit_events')
    .values({
      at,
      actor_id: actor.id,
      actor_role: actor.role,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId,
      account_id: entry.accountId ?? null,
      case_id: entry.caseId ?? null,
      changes: JSON.stringify(entry.changes ?? {}),
      request_id: actor.requestId ?? null,
      ip: actor.ip ?? null,
    })
    .returning('id');
}

/** An audit event's insert (auditInsert) to send as a CTE with a module's own change. */
export type AuditInsert = ReturnType<typeof auditInsert>;
