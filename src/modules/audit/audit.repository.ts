import type { Executor } from '../../platform/audit';

export interface AuditFilter {
  action?: string;
  entityType?: string;
  entityId?: string;
  actorId?: string;
  /** An account's id (acc_…) or its number (K1000001). */
  accountId?: string;
  /** A case's id (case_…) or its number (C-2373). */
  caseId?: string;
  from?: Date;
  to?: Date;
  before?: number;
}

const ACCOUNT_NUMBER = /^k\d+$/i;
const CASE_NUMBER = /^c-\d+$/i;

/**
 * Audit events (newest first unless `order` says otherwise), with what a reader needs to say who did what to which account or case:
 * the actor's name, the account's and the case's number, and the name of a staff user the event is
 * about. `limit + 1` rows tell whether there is a next page.
 */
export function selectAuditEvents(
  db: Executor,
  filter: AuditFilter,
  limit: number,
  order: 'asc' | 'desc' = 'desc',
) {
  const account = filter.accountId?.trim();
  const kase = filter.caseId?.trim();
  return db
    .selectFrom('audit_events as e')
    .leftJoin('staff_users as u', 'u.id', 'e.actor_id')
    .leftJoin('accounts as acc', 'acc.id', 'e.account_id')
    .leftJoin('cases as c', 'c.id', 'e.case_id')
    .leftJoin('staff_users as target', (j) =>
      j.onRef('target.id', '=', 'e.entity_id').on('e.entity_type', '=', 'staff_user'),
    )
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
      'acc.account_number',
      'e.case_id',
      'c.case_number',
      'target.display_name as target_name',
      'e.changes',
      'e.request_id',
      'e.ip',
    ])
    .$if(Boolean(filter.action), (q) =>
      q.where('e.action', 'like', `${filter.action!.replace(/[%_\\]/g, '\\$&')}%`),
    )
    .$if(Boolean(filter.entityType), (q) => q.where('e.entity_type', '=', filter.entityType!))
    .$if(Boolean(filter.entityId), (q) => q.where('e.entity_id', '=', filter.entityId!))
    .$if(Boolean(filter.actorId), (q) => q.where('e.actor_id', '=', filter.actorId!))
    .$if(Boolean(account), (q) =>
      ACCOUNT_NUMBER.test(account!)
        ? q.where('acc.account_number', '=', account!.toUpperCase())
        : q.where('e.account_id', '=', account!),
    )
    .$if(Boolean(kase), (q) =>
      CASE_NUMBER.test(kase!)
        ? q.where('c.case_number', '=', kase!.toUpperCase())
        : q.where('e.case_id', '=', kase!),
    )
    .$if(Boolean(filter.from), (q) => q.where('e.at', '>=', filter.from!))
    .$if(Boolean(filter.to), (q) => q.where('e.at', '<', filter.to!))
    .$if(Boolean(filter.before), (q) => q.where('e.id', '<', filter.before!))
    .orderBy('e.id', order)
    .limit(limit)
    .execute();
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
    /** The entity in words where the log knows them: a staff user's name, an account's or case's number. */
    entityLabel:
      r.entity_type === 'staff_user'
        ? r.target_name
        : r.entity_type === 'account'
          ? r.account_number
          : r.entity_type === 'case'
            ? r.case_number
            : null,
    accountId: r.account_id,
    accountNumber: r.account_number,
    caseId: r.case_id,
    caseNumber: r.case_number,
    changes: r.changes,
    requestId: r.request_id,
    ip: r.ip,
  };
}
