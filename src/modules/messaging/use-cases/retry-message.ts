import { writeAudit } from '../../../platform/audit';
import type { UseCaseDeps } from '../../../platform/deps';
import { DomainError } from '../../../platform/errors';
import { MessagingErrors } from '../messaging.errors';
import { findMessage } from '../messaging.repository';

/** An admin sends a failed message again: it is queued now with a fresh set of tries. */
export async function retryMessage(deps: UseCaseDeps, id: string) {
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    const message = await findMessage(trx, id);
    if (!message)
      throw new DomainError(MessagingErrors.MESSAGE_NOT_FOUND, `Message ${id} does not exist`, {
        field: 'params.id',
      });
    if (message.state !== 'failed' && message.state !== 'cancelled')
      throw new DomainError(MessagingErrors.MESSAGE_NOT_RETRYABLE, `Message ${id} is ${message.state}`, {
        field: 'params.id',
        state: message.state,
      });
    const updated = await trx
      .updateTable('outbox_messages')
      .set({ state: 'queued', attempts: 0, next_attempt_at: now, locked_until: null })
      .where('id', '=', id)
      .where('state', '=', message.state)
      .returningAll()
      .executeTakeFirstOrThrow();
    await deps.jobs.send(trx, 'outbox.deliver', { messageId: id }, { startAfter: now });
    await writeAudit(trx, deps.actor, now, {
      action: 'message.retried',
      entityType: 'message',
      entityId: id,
      accountId: message.account_id,
      caseId: message.case_id,
      changes: { state: { from: message.state, to: 'queued' }, lastError: message.last_error },
    });
    return updated;
  });
}
