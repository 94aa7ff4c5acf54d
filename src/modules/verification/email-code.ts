import { timingSafeEqual } from 'node:crypto';
import type { Executor } from '../../platform/audit';
import type { UseCaseDeps } from '../../platform/deps';
import { defineErrorCodes } from '../../platform/errors';
import { keyedHash } from '../../platform/keyed-hash';
import { lockCurrentCode, recordCodeTry } from './verification.repository';

export const EmailCodeErrors = defineErrorCodes({
  /** An e-mail code was requested for an account without an e-mail address. */
  EMAIL_CODE_NO_EMAIL: { status: 409, title: 'The account has no e-mail address on file' },
  /** Three codes were sent on this case within the last 10 minutes; wait before sending another. */
  EMAIL_CODE_TOO_MANY: { status: 429, title: 'Too many codes sent on this case; wait a few minutes' },
  /** The Idempotency-Key belongs to a message that sent no code (the same code as messaging's). */
  IDEMPOTENCY_KEY_REUSED: { status: 409, title: 'This Idempotency-Key was used for another request' },
});

/** Codes per case within the validity window: enough for a typo'd address read-back, not for mail-bombing. */
export const EMAIL_CODES_PER_WINDOW = 3;

export const EMAIL_CODE_VALID_MINUTES = 10;
export const EMAIL_CODE_MAX_ATTEMPTS = 3;

export function hashCode(secret: string, codeId: string, code: string): string {
  return keyedHash(secret, 'email_code', codeId, code);
}

/** Shows enough of an address for the agent to confirm it with the caller, not the whole of it. */
export function maskEmail(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  return `${local.slice(0, 1)}${'•'.repeat(Math.max(1, Math.min(6, local.length - 1)))}@${domain}`;
}

export type EmailCodeCheck = 'matched' | 'wrong' | 'expired' | 'exhausted' | 'none';

/**
 * Compares what the caller read out with the case's current code, inside the verification's
 * transaction. Every wrong try counts; after the third, or after 10 minutes, the code is dead
 * and a new one must be sent. A matched code is used up.
 */
export async function checkEmailCode(
  trx: Executor,
  deps: Pick<UseCaseDeps, 'clock' | 'secret'>,
  input: { caseId: string; code: string },
): Promise<EmailCodeCheck> {
  const now = deps.clock.now();
  const current = await lockCurrentCode(trx, input.caseId);
  if (!current) return 'none';
  if (current.expires_at <= now) return 'expired';
  if (current.attempts >= current.max_attempts) return 'exhausted';
  const typed = input.code.replace(/\D/g, '');
  const expected = Buffer.from(current.code_hash, 'hex');
  const actual = Buffer.from(hashCode(deps.secret, current.id, typed), 'hex');
  const matched = typed.length === 6 && timingSafeEqual(expected, actual);
  await recordCodeTry(trx, current.id, { attempts: current.attempts + 1, usedAt: matched ? now : null });
  return matched ? 'matched' : 'wrong';
}
