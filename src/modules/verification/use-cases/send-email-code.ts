import { randomInt } from 'node:crypto';
import { writeAudit } from '../../../platform/audit';
import { MINUTE } from '../../../platform/clock';
import type { Trx, UseCaseDeps } from '../../../platform/deps';
import { DomainError } from '../../../platform/errors';
import { newId } from '../../../platform/ids';
import { serializeLimit } from '../../../platform/limits';
import { findAccountOrThrow } from '../../accounts';
import { findCaseOrThrow } from '../../cases';
import { enqueueCaseMessage, replayCaseMessage } from '../../messaging';
import {
  EMAIL_CODE_MAX_ATTEMPTS,
  EMAIL_CODE_VALID_MINUTES,
  EMAIL_CODES_PER_WINDOW,
  EmailCodeErrors,
  hashCode,
  maskEmail,
} from '../email-code';
import { VerificationErrors } from '../verification.errors';
import {
  attachCodeMessage,
  countCodesSince,
  findCodeByMessage,
  findLockout,
  insertCode,
  supersedeCodes,
} from '../verification.repository';

export interface SendEmailCodeInput {
  caseId: string;
  idempotencyKey?: string;
}

/** What sendEmailCode returns; `created` is false when an earlier request with the same key sent it. */
export interface SentEmailCode {
  id: string;
  sentTo: string;
  expiresAt: Date;
  messageId: string | null;
  created: boolean;
}

// the code is random, so a retry is told apart from another request by the case alone
const FINGERPRINT = 'send-email-code';

/**
 * Sends a 6-digit code to the e-mail on file for this case's account, valid 10 minutes and for 3
 * tries. The code is kept only as a keyed hash; a new code replaces any earlier one on the case.
 * With an Idempotency-Key, a retried request returns the first code and sends nothing new.
 */
export async function sendEmailCode(deps: UseCaseDeps, input: SendEmailCodeInput): Promise<SentEmailCode> {
  const send = () => deps.db.transaction().execute((trx) => sendInTransaction(trx, deps, input));
  try {
    return await send();
  } catch (error) {
    // the same key on two cases at once raced past the lookup: the loser now finds the winner's message
    if (input.idempotencyKey && isIdempotencyRace(error)) return send();
    throw error;
  }
}

/** load → guard → change → audit → outbox, in the one transaction. */
async function sendInTransaction(
  trx: Trx,
  deps: UseCaseDeps,
  input: SendEmailCodeInput,
): Promise<SentEmailCode> {
  const now = deps.clock.now();
  // one sender per case at a time: the limit counts what the one before committed, and a retry
  // with the same key finds the message the one before queued
  await serializeLimit(trx, `email-code:${input.caseId}`);
  const kase = await findCaseOrThrow(trx, input.caseId);
  const replayed = await replayCaseMessage(trx, deps, {
    kind: 'verification_code',
    caseId: kase.id,
    idempotencyKey: input.idempotencyKey,
    requestFingerprint: FINGERPRINT,
  });
  if (replayed) return replayedCode(trx, replayed.id);
  const account = await findAccountOrThrow(trx, kase.account_id);
  const email = await guardSending(
    trx,
    { caseId: kase.id, accountId: account.id, email: account.email },
    now,
  );
  const { id, code, expiresAt } = await replaceCode(trx, deps, {
    caseId: kase.id,
    accountId: account.id,
    email,
    now,
  });
  await writeAudit(trx, deps.actor, now, {
    action: 'verification.email_code_sent',
    entityType: 'case',
    entityId: kase.id,
    accountId: account.id,
    caseId: kase.id,
    changes: { codeId: id, sentTo: maskEmail(email), expiresAt: expiresAt.toISOString() },
  });
  const message = await enqueueCaseMessage(trx, deps, {
    kind: 'verification_code',
    caseId: kase.id,
    variables: { code: { value: code, validMinutes: EMAIL_CODE_VALID_MINUTES } },
    idempotencyKey: input.idempotencyKey,
    requestFingerprint: FINGERPRINT,
  });
  await attachCodeMessage(trx, id, message.id);
  return { id, sentTo: maskEmail(email), expiresAt, messageId: message.id, created: true };
}

/** Change: a new code replaces the case's open ones; only its keyed hash is stored. */
async function replaceCode(
  trx: Trx,
  deps: UseCaseDeps,
  target: { caseId: string; accountId: string; email: string; now: Date },
) {
  const { now } = target;
  const id = newId('otp', now);
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const expiresAt = new Date(now.getTime() + EMAIL_CODE_VALID_MINUTES * MINUTE);
  await supersedeCodes(trx, target.caseId, now);
  await insertCode(trx, {
    id,
    case_id: target.caseId,
    account_id: target.accountId,
    code_hash: hashCode(deps.secret, id, code),
    sent_to: target.email,
    message_id: null,
    max_attempts: EMAIL_CODE_MAX_ATTEMPTS,
    expires_at: expiresAt,
    used_at: null,
    superseded_at: null,
    created_by: deps.actor.id,
    created_at: now,
  });
  return { id, code, expiresAt };
}

function isIdempotencyRace(error: unknown): boolean {
  const e = error as { code?: string; constraint?: string; message?: string };
  return e?.code === '23505' && `${e.constraint ?? e.message}`.includes('idempotency');
}

/** Guard: an address on file, the account not locked, fewer than three codes in the window. */
async function guardSending(
  trx: Trx,
  target: { caseId: string; accountId: string; email: string | null },
  now: Date,
): Promise<string> {
  if (!target.email)
    throw new DomainError(EmailCodeErrors.EMAIL_CODE_NO_EMAIL, 'The account has no e-mail address on file', {
      field: 'params.id',
    });
  const { locked_until: lockedUntil } = await findLockout(trx, target.accountId);
  if (lockedUntil && lockedUntil > now)
    throw new DomainError(VerificationErrors.VERIFICATION_LOCKED, 'Verification is locked for this account', {
      field: 'params.id',
      lockedUntil: lockedUntil.toISOString(),
    });
  const since = new Date(now.getTime() - EMAIL_CODE_VALID_MINUTES * MINUTE);
  if ((await countCodesSince(trx, target.caseId, since)) >= EMAIL_CODES_PER_WINDOW)
    throw new DomainError(
      EmailCodeErrors.EMAIL_CODE_TOO_MANY,
      'Three codes were sent on this case in the last 10 minutes',
      { field: 'params.id' },
    );
  return target.email;
}

/** The code an earlier request with the same Idempotency-Key sent, as that request answered. */
async function replayedCode(trx: Trx, messageId: string): Promise<SentEmailCode> {
  const earlier = await findCodeByMessage(trx, messageId);
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
