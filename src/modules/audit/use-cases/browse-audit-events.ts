import type { UseCaseDeps } from '../../../platform/deps';
import { type AuditFilter, selectAuditEvents, toAuditEvent } from '../audit.repository';

/** One page of the audit log, newest first, filtered; `nextBefore` is the cursor for the next page. */
export async function browseAuditEvents(deps: Pick<UseCaseDeps, 'db'>, filter: AuditFilter, limit: number) {
  const rows = await selectAuditEvents(deps.db, filter, limit + 1);
  const page = rows.slice(0, limit);
  return {
    items: page.map(toAuditEvent),
    nextBefore: rows.length > limit ? Number(page[page.length - 1]!.id) : null,
  };
}
