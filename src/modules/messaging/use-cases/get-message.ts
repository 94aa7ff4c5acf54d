import type { UseCaseDeps } from '../../../platform/deps';
import { findMessageOrThrow, type OutboxRow } from '../messaging.repository';

/** One message as staff may read it (its secrets masked), or MESSAGE_NOT_FOUND. */
export function getMessage(deps: UseCaseDeps, input: { messageId: string }): Promise<OutboxRow> {
  return findMessageOrThrow(deps.db, input.messageId);
}
