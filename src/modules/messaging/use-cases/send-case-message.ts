import { writeAudit } from '../../../platform/audit';
import type { UseCaseDeps } from '../../../platform/deps';
import { isIdempotencyRace } from '../idempotency';
import { findMessageOrThrow, type OutboxRow } from '../messaging.repository';
import { enqueueCaseMessage } from './enqueue-case-message';

export interface SendCaseMessageInput {
  caseId: string;
  body: string;
  idempotencyKey?: string;
}

/**
 * An agent writes to the customer on a case; the text is wrapped in the company's template in
 * the customer's language and queued in the same transaction as its audit event. Sending the
 * same Idempotency-Key again returns the first message instead of queuing a second.
 */
export async function sendCaseMessage(
  deps: UseCaseDeps,
  input: SendCaseMessageInput,
): Promise<{ message: OutboxRow; created: boolean }> {
  const attempt = () =>
    deps.db.transaction().execute(async (trx) => {
      const result = await enqueueCaseMessage(trx, deps, {
        kind: 'case_update',
        caseId: input.caseId,
        variables: { message: { body: input.body } },
        idempotencyKey: input.idempotencyKey,
      });
      if (result.created)
        await writeAudit(trx, deps.actor, deps.clock.now(), {
          action: 'case.message_written',
          entityType: 'case',
          entityId: input.caseId,
          caseId: input.caseId,
          changes: { messageId: result.id },
        });
      return { message: await findMessageOrThrow(trx, result.id), created: result.created };
    });
  try {
    return await attempt();
  } catch (error) {
    // two identical requests raced past the lookup; the loser now finds the winner's message
    if (input.idempotencyKey && isIdempotencyRace(error)) return attempt();
    throw error;
  }
}
