import type { UseCaseDeps } from '../../../platform/deps';
import { type AuditFilter, selectAuditEvents, toAuditEvent } from '../audit.repository';

export interface BrowseAuditEventsInput extends AuditFilter {
  /** Events per page. */
  limit: number;
}

/** One page of the audit log, newest first, filtered; `nextBefore` is the cursor for the next page. */
export async function browseAuditEvents(deps: UseCaseDeps, input: BrowseAuditEventsInput) {
  const { limit, ...filter } = input;
  const rows = await selectAuditEvents(deps.db, filter, limit + 1);
  const page = rows.slice(0, limit);
  return {
    items: page.map(toAuditEvent),
    nextBefore: rows.length > limit ? Number(page[page.length - 1]!.id) : null,
  };
}
