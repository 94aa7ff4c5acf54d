import type { UseCaseDeps } from '../../../platform/deps';
import { listCaseMessages as messagesOfCase, type OutboxRow } from '../messaging.repository';

/** What the customer was sent on a case, oldest first, as staff may read it (secrets masked). */
export function listCaseMessages(deps: UseCaseDeps, input: { caseId: string }): Promise<OutboxRow[]> {
  return messagesOfCase(deps.db, input.caseId);
}
