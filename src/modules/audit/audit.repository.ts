import type { Executor } from '../../platform/audit';

export interface AuditFilter {
  action?: string;
  entityType?: string;
  entityId?: string;
  actorId?: string;
  accountId?: string;
  caseId?: string;
  from?: Date;
  to?: Date;
  before?: number;
}

/** Audit events newest first, with the actor's name; `limit + 1` rows tell whether there is a next page. */
export function selectAuditEvents(
  db: Executor,
  filter: AuditFilter,
  limit: number,
  order: 'asc' | 'desc' = 'desc',
) {
  let q = db
    .selectFrom('audit_events as e')
    .leftJoin('staff_users as u', 'u.id', 'e.actor_id')
    .select([
      'e.id',
      'e.at',
      'e.actor_id',
      'e.actor_role',
      'u.display_name as actor_name',
      'u.role as actor_current_role',
      'e.action',
      'e.entity_type',
      'e.entity_id',
      'e.account_id',
      'e.case_id',
      'e.changes',
      'e.request_id',
      'e.ip',
    ]);
  if (filter.action) q = q.where('e.action', 'like', `${filter.action.replace(/[%_\\]/g, '\\$&')}%`);
  if (filter.entityType) q = q.where('e.entity_type', '=', filter.entityType);
  if (filter.entityId) q = q.where('e.entity_id', '=', filter.entityId);
  if (filter.actorId) q = q.where('e.actor_id', '=', filter.actorId);
  if (filter.accountId) q = q.where('e.account_id', '=', filter.accountId);
  if (filter.caseId) q = q.where('e.case_id', '=', filter.caseId);
  if (filter.from) q = q.where('e.at', '>=', filter.from);
  if (filter.to) q = q.where('e.at', '<', filter.to);
  if (filter.before) q = q.where('e.id', '<', filter.before);
  return q.orderBy('e.id', order).limit(limit).execute();
}

export type AuditRow = Awaited<ReturnType<typeof selectAuditEvents>>[number];

export function toAuditEvent(r: AuditRow) {
  return {
    id: Number(r.id),
    at: r.at,
    actor:
      r.actor_id && r.actor_name
        ? { id: r.actor_id, displayName: r.actor_name, role: r.actor_role ?? r.actor_current_role ?? '' }
        : null,
    actorRole: r.actor_role,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    accountId: r.account_id,
    caseId: r.case_id,
    changes: r.changes,
    requestId: r.request_id,
    ip: r.ip,
  };
}
