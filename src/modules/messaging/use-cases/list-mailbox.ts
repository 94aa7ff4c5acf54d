import type { UseCaseDeps } from '../../../platform/deps';
import { listMailbox as mailbox, type OutboxRow } from '../messaging.repository';
import type { MessageState } from '../messaging.table';

/** Every outgoing message, newest first (the built-in mailbox and the delivery log), secrets masked. */
export function listMailbox(
  deps: UseCaseDeps,
  input: { state?: MessageState; limit: number },
): Promise<OutboxRow[]> {
  return mailbox(deps.db, input);
}
