import { writeAudit } from '../../../platform/audit';
import type { UseCaseDeps } from '../../../platform/deps';
import { enqueueCaseMessage } from './enqueue-message';

export interface SendCaseMessageInput {
  caseId: string;
  body: string;
  idempotencyKey?: string;
}

function isIdempotencyRace(error: unknown): boolean {
  const e = error as { code?: string; constraint?: string; message?: string };
  return e?.code === '23505' && `${e.constraint ?? e.message}`.includes('idempotency');
}

/**
 * An agent writes to the customer on a case; the text is wrapped in the company's template in
 * the customer's language and queued in the same transaction as its audit event. Sending the
 * same Idempotency-Key again returns the first message instead of queuing a second.
 */
export async function sendCaseMessage(deps: UseCaseDeps, input: SendCaseMessageInput) {
  const attempt = () =>
    deps.db.transaction().execute(async (trx) => {
      const now = deps.clock.now();
      const result = await enqueueCaseMessage(trx, deps.actor, now, {
        kind: 'case_update',
        caseId: input.caseId,
        variables: { message: { body: input.body } },
        idempotencyKey: input.idempotencyKey,
        jobs: deps.jobs,
      });
      if (result.created)
        await writeAudit(trx, deps.actor, now, {
          action: 'case.message_written',
          entityType: 'case',
          entityId: input.caseId,
          caseId: input.caseId,
          changes: { messageId: result.id },
        });
      return result;
    });
  try {
    return await attempt();
  } catch (error) {
    // two identical requests raced past the lookup; the loser now finds the winner's message
    if (input.idempotencyKey && isIdempotencyRace(error)) return attempt();
    throw error;
  }
}
