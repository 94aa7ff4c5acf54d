import type { UseCaseDeps } from '../../../platform/deps';
import { selectAuditEvents } from '../../audit';
import { findCaseOrThrow } from '../cases.repository';

/** Everything that happened on a case, oldest first: the audit events that name it. */
export async function caseTimeline(deps: UseCaseDeps, input: { caseId: string }) {
  const kase = await findCaseOrThrow(deps.db, input.caseId);
  const rows = await selectAuditEvents(deps.db, { caseId: kase.id }, 1000, 'asc');
  return rows.map((r) => ({
    id: Number(r.id),
    at: r.at,
    action: r.action,
    actor: r.actor_id ? { id: r.actor_id, displayName: r.actor_name ?? '', role: r.actor_role ?? '' } : null,
    actorRole: r.actor_role,
    changes: (typeof r.changes === 'string' ? JSON.parse(r.changes) : r.changes) as Record<string, unknown>,
  }));
}
