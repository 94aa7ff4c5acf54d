import { randomInt, timingSafeEqual } from 'node:crypto';
import { type Executor, writeAudit } from '../../platform/audit';
import { MINUTE } from '../../platform/clock';
import type { Trx, UseCaseDeps } from '../../platform/deps';
import { DomainError, defineErrorCodes } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { keyedHash } from '../../platform/keyed-hash';
import { enqueueCaseMessage } from '../messaging';
import { VerificationErrors } from './verification.errors';

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

function hashCode(secret: string, codeId: string, code: string): string {
  return keyedHash(secret, 'email_code', codeId, code);
}

/** Shows enough of an address for the agent to confirm it with the caller, not the whole of it. */
export function maskEmail(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  return `${local.slice(0, 1)}${'•'.repeat(Math.max(1, Math.min(6, local.length - 1)))}@${domain}`;
}

/** What sendEmailCode returns; `created` is false when an earlier request with the same key sent it. */
export interface SentEmailCode {
  id: string;
  sentTo: string;
  expiresAt: Date;
  messageId: string | null;
  created: boolean;
}

function isIdempotencyRace(error: unknown): boolean {
  const e = error as { code?: string; constraint?: string; message?: string };
  return e?.code === '23505' && `${e.constraint ?? e.message}`.includes('idempotency');
}

/**
 * Sends a 6-digit code to the e-mail on file for this case's account, valid 10 minutes and for 3
 * tries. The code is kept only as a keyed hash; a new code replaces any earlier one on the case.
 * With an Idempotency-Key, a retried request returns the first code and sends nothing new.
 */
export async function sendEmailCode(
  deps: UseCaseDeps,
  caseId: string,
  options: { idempotencyKey?: string } = {},
): Promise<SentEmailCode> {
  const attempt = () =>
    deps.db.transaction().execute((trx) => sendInTransaction(trx, deps, caseId, options.idempotencyKey));
  try {
    return await attempt();
  } catch (error) {
    // two identical requests raced past the lookup; the loser now finds the winner's code
    if (options.idempotencyKey && isIdempotencyRace(error)) return attempt();
    throw error;
  }
}

async function sendInTransaction(
  trx: Trx,
  deps: UseCaseDeps,
  caseId: string,
  idempotencyKey: string | undefined,
): Promise<SentEmailCode> {
  const now = deps.clock.now();
  const kase = await trx
    .selectFrom('cases')
    .innerJoin('accounts', 'accounts.id', 'cases.account_id')
    .select(['cases.id', 'cases.account_id', 'accounts.email', 'accounts.verification_locked_until'])
    .where('cases.id', '=', caseId)
    .executeTakeFirst();
  if (!kase)
    throw new DomainError(VerificationErrors.CASE_NOT_FOUND, `Case ${caseId} does not exist`, {
      field: 'params.id',
    });
  if (!kase.email)
    throw new DomainError(EmailCodeErrors.EMAIL_CODE_NO_EMAIL, 'The account has no e-mail address on file', {
      field: 'params.id',
    });
  const id = newId('otp', now);
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const expiresAt = new Date(now.getTime() + EMAIL_CODE_VALID_MINUTES * MINUTE);
  // The outbox keeps the idempotency key, so the message is queued first: a retry finds it there and
  // answers with the first code before any rule below could refuse what already succeeded. Every
  // refusal after this point rolls the queued message back with the transaction.
  const message = await enqueueCaseMessage(trx, deps, {
    kind: 'verification_code',
    caseId,
    variables: { code: { value: code, validMinutes: EMAIL_CODE_VALID_MINUTES } },
    idempotencyKey,
    // the code is random, so a retry is told apart from another request by the case alone
    requestFingerprint: 'send-email-code',
  });
  if (!message.created) return replayedCode(trx, message.id);
  if (kase.verification_locked_until && kase.verification_locked_until > now)
    throw new DomainError(VerificationErrors.VERIFICATION_LOCKED, 'Verification is locked for this account', {
      field: 'params.id',
      lockedUntil: kase.verification_locked_until.toISOString(),
    });
  const recent = await trx
    .selectFrom('verification_email_codes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('case_id', '=', caseId)
    .where('created_at', '>', new Date(now.getTime() - EMAIL_CODE_VALID_MINUTES * MINUTE))
    .executeTakeFirstOrThrow();
  if (Number(recent.n) >= EMAIL_CODES_PER_WINDOW)
    throw new DomainError(
      EmailCodeErrors.EMAIL_CODE_TOO_MANY,
      'Three codes were sent on this case in the last 10 minutes',
      {
        field: 'params.id',
      },
    );
  await trx
    .updateTable('verification_email_codes')
    .set({ superseded_at: now })
    .where('case_id', '=', caseId)
    .where('used_at', 'is', null)
    .where('superseded_at', 'is', null)
    .execute();
  await trx
    .insertInto('verification_email_codes')
    .values({
      id,
      case_id: caseId,
      account_id: kase.account_id,
      code_hash: hashCode(deps.secret, id, code),
      sent_to: kase.email,
      message_id: message.id,
      max_attempts: EMAIL_CODE_MAX_ATTEMPTS,
      expires_at: expiresAt,
      used_at: null,
      superseded_at: null,
      created_by: deps.actor.id,
      created_at: now,
    })
    .execute();
  await writeAudit(trx, deps.actor, now, {
    action: 'verification.email_code_sent',
    entityType: 'case',
    entityId: caseId,
    accountId: kase.account_id,
    caseId,
    changes: { codeId: id, sentTo: maskEmail(kase.email), expiresAt: expiresAt.toISOString() },
  });
  return { id, sentTo: maskEmail(kase.email), expiresAt, messageId: message.id, created: true };
}

/** The code an earlier request with the same Idempotency-Key sent, as that request answered. */
async function replayedCode(trx: Executor, messageId: string): Promise<SentEmailCode> {
  const earlier = await trx
    .selectFrom('verification_email_codes')
    .select(['id', 'sent_to', 'expires_at', 'message_id'])
    .where('message_id', '=', messageId)
    .executeTakeFirst();
  if (!earlier)
    throw new DomainError(
      EmailCodeErrors.IDEMPOTENCY_KEY_REUSED,
      'This Idempotency-Key was used for another request',
      { field: 'headers.idempotency-key' },
    );
  return {
    id: earlier.id,
    sentTo: maskEmail(earlier.sent_to),
    expiresAt: earlier.expires_at,
    messageId: earlier.message_id,
    created: false,
  };
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
  const current = await trx
    .selectFrom('verification_email_codes')
    .selectAll()
    .where('case_id', '=', input.caseId)
    .where('used_at', 'is', null)
    .where('superseded_at', 'is', null)
    .orderBy('created_at', 'desc')
    .forUpdate()
    .executeTakeFirst();
  if (!current) return 'none';
  if (current.expires_at <= now) return 'expired';
  if (current.attempts >= current.max_attempts) return 'exhausted';
  const typed = input.code.replace(/\D/g, '');
  const expected = Buffer.from(current.code_hash, 'hex');
  const actual = Buffer.from(hashCode(deps.secret, current.id, typed), 'hex');
  const matched = typed.length === 6 && timingSafeEqual(expected, actual);
  await trx
    .updateTable('verification_email_codes')
    .set(matched ? { attempts: current.attempts + 1, used_at: now } : { attempts: current.attempts + 1 })
    .where('id', '=', current.id)
    .execute();
  return matched ? 'matched' : 'wrong';
}
