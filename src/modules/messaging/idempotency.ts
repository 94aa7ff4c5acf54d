import { createHash } from 'node:crypto';
import type { Actor } from '../../platform/audit';

/** What makes a request retryable: the client's key and what the request asked for. */
export interface IdempotentRequest {
  kind: string;
  caseId: string;
  /** The client's Idempotency-Key. */
  idempotencyKey?: string;
  /** What the request asked for, to tell a retry from a different request under the same key. */
  requestFingerprint?: unknown;
  variables?: unknown;
}

/**
 * The outbox's idempotency key (scoped to the actor, so two agents' keys never meet) and the hash
 * of the request, or null without a client key.
 */
export function outboxKeyOf(
  actor: Actor,
  request: IdempotentRequest,
): { key: string; fingerprint: string } | null {
  if (!request.idempotencyKey) return null;
  const asked = request.requestFingerprint ?? request.variables ?? null;
  return {
    key: `${actor.id ?? actor.role}:${request.idempotencyKey}`,
    fingerprint: createHash('sha256')
      .update(JSON.stringify([request.kind, request.caseId, asked]))
      .digest('hex'),
  };
}

/** Two identical requests raced past the lookup: the unique key refused the loser's insert. */
export function isIdempotencyRace(error: unknown): boolean {
  const e = error as { code?: string; constraint?: string; message?: string };
  return e?.code === '23505' && `${e.constraint ?? e.message}`.includes('idempotency');
}
