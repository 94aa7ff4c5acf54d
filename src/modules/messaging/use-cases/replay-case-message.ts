import type { Trx, UseCaseDeps } from '../../../platform/deps';
import { DomainError } from '../../../platform/errors';
import { type IdempotentRequest, outboxKeyOf } from '../idempotency';
import { MessagingErrors } from '../messaging.errors';
import { findMessageByIdempotencyKey } from '../messaging.repository';

/**
 * The message an earlier request with the same Idempotency-Key queued, or null when there is none
 * (or no key). The same key with a different request is IDEMPOTENCY_KEY_REUSED. A use case that must
 * answer a retry before its guards (a retry of what already succeeded is not refused) calls this
 * first; enqueueCaseMessage calls it too.
 */
export async function replayCaseMessage(
  trx: Trx,
  deps: UseCaseDeps,
  input: IdempotentRequest,
): Promise<{ id: string } | null> {
  const outboxKey = outboxKeyOf(deps.actor, input);
  if (!outboxKey) return null;
  const existing = await findMessageByIdempotencyKey(trx, outboxKey.key);
  if (!existing) return null;
  if (existing.request_hash !== outboxKey.fingerprint)
    throw new DomainError(
      MessagingErrors.IDEMPOTENCY_KEY_REUSED,
      'This Idempotency-Key was used for another request',
      { field: 'headers.idempotency-key' },
    );
  return { id: existing.id };
}
