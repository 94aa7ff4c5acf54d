import type { Executor } from '../../../platform/audit';

/** Everything that happened on a case, oldest first: the audit events that name it. */
export async function caseTimeline(db: Executor, caseId: string) {
  const rows = await db
    .selectFrom('audit_events')
    .leftJoin('staff_users', 'staff_users.id', 'audit_events.actor_id')
    .select([
      'audit_events.id',
      'audit_events.at',
      'audit_events.action',
      'audit_events.actor_id',
      'audit_events.actor_role',
      'audit_events.changes',
      'staff_users.display_name',
    ])
    .where('audit_events.case_id', '=', caseId)
    .orderBy('audit_events.id')
    .limit(1000)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    action: r.action,
    actor: r.actor_id
      ? { id: r.actor_id, displayName: r.display_name ?? '', role: r.actor_role ?? '' }
      : null,
    actorRole: r.actor_role,
    changes: (typeof r.changes === 'string' ? JSON.parse(r.changes) : r.changes) as Record<string, unknown>,
  }));
}
