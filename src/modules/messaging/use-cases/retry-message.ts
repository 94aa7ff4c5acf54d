import { writeAudit } from '../../../platform/audit';
import type { UseCaseDeps } from '../../../platform/deps';
import { DomainError } from '../../../platform/errors';
import { MessagingErrors } from '../messaging.errors';
import { lockMessageOrThrow, type OutboxRow, requeueMessage } from '../messaging.repository';

/** An admin sends a failed message again: it is queued now with a fresh set of tries. */
export async function retryMessage(deps: UseCaseDeps, input: { messageId: string }): Promise<OutboxRow> {
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    const message = await lockMessageOrThrow(trx, input.messageId);
    if (message.state !== 'failed' && message.state !== 'cancelled')
      throw new DomainError(
        MessagingErrors.MESSAGE_NOT_RETRYABLE,
        `Message ${message.id} is ${message.state}`,
        { field: 'params.id', state: message.state },
      );
    const updated = await requeueMessage(trx, message.id, message.state, now);
    await writeAudit(trx, deps.actor, now, {
      action: 'message.retried',
      entityType: 'message',
      entityId: message.id,
      accountId: message.account_id,
      caseId: message.case_id,
      changes: { state: { from: message.state, to: 'queued' }, lastError: message.last_error },
    });
    await deps.jobs.send(trx, 'outbox.deliver', { messageId: message.id }, { startAfter: now });
    return updated;
  });
}
