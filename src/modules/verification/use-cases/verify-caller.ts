import { writeAudit } from '../../../platform/audit';
import { MINUTE } from '../../../platform/clock';
import type { Trx, UseCaseDeps } from '../../../platform/deps';
import { DomainError } from '../../../platform/errors';
import { newId } from '../../../platform/ids';
import { findActiveRepresentative, lockAccountOrThrow } from '../../accounts';
import { findCaseOrThrow, touchCase } from '../../cases';
import { decideVerification, hashesEqual, type VerificationDecision } from '../decide-verification';
import { checkEmailCode } from '../email-code';
import { hashFactor, normalizeFactor } from '../factor-hash';
import { VerificationErrors, VerificationInputErrors } from '../verification.errors';
import {
  findLockout,
  findSecretsOf,
  insertAttempt,
  type Lockout,
  saveCaseVerification,
  saveLockout,
} from '../verification.repository';
import {
  type ConfigFactor,
  LOCKOUT,
  loadVerificationSettings,
  type VerificationSettings,
} from '../verification-settings';

export interface VerifyCallerInput {
  caseId: string;
  subject: { type: 'holder' } | { type: 'representative'; representativeId: string };
  answers: Partial<Record<ConfigFactor, string>>;
}

type Rules = VerificationSettings;
type Answer = [ConfigFactor, string];
type Representative = NonNullable<Awaited<ReturnType<typeof findActiveRepresentative>>>;

interface Attempt {
  caseId: string;
  accountId: string;
  lockout: Lockout;
  rep: Representative | undefined;
}

/**
 * The agent types what the caller says; each answer is normalised and compared with the keyed
 * hash of the stored secret (an e-mail code with the code just sent). Enough matches verify the
 * caller on this case until the configured lifetime ends; every failure counts, and the third in
 * a row locks verification on the account for 15 minutes and flags it. Which factor was wrong is
 * never said.
 */
export async function verifyCaller(deps: UseCaseDeps, input: VerifyCallerInput) {
  const rules = await loadVerificationSettings(deps.db);
  const answered = answersFitting(rules, input.answers);
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    const attempt = await loadAttempt(trx, input);
    guardAttempt(attempt, input, now);
    const matched = await countMatches(trx, deps, attempt, answered);
    const decision = decideVerification(
      { required: rules.required, ...LOCKOUT },
      { matched, failuresBefore: attempt.lockout.failures, now },
    );
    await recordAttempt(trx, deps, { attempt, answered, matched, decision, rules, now });
    await writeAudit(trx, deps.actor, now, {
      action: `verification.${decision.result}`,
      entityType: 'case',
      entityId: attempt.caseId,
      accountId: attempt.accountId,
      caseId: attempt.caseId,
      changes: {
        subject: attempt.rep ? { type: 'representative', id: attempt.rep.id } : { type: 'holder' },
        factors: answered.map(([f]) => f),
        matched,
        required: rules.required,
        ...(decision.lockedUntil ? { lockedUntil: decision.lockedUntil.toISOString() } : {}),
      },
    });
    return { ...decision, matched, required: rules.required };
  });
}

/** The non-empty answers, each for an enabled factor, and at least as many as the rules require. */
function answersFitting(rules: Rules, answers: VerifyCallerInput['answers']): Answer[] {
  const answered = (Object.entries(answers) as Array<[ConfigFactor, string | undefined]>).filter(
    (a): a is Answer => a[1] !== undefined && a[1].trim() !== '',
  );
  for (const [factor] of answered)
    if (!rules.factors.includes(factor))
      throw new DomainError(
        VerificationInputErrors.VERIFICATION_ANSWERS_INVALID,
        `${factor} is not an enabled factor`,
        { field: `body.answers.${factor}` },
      );
  if (answered.length < rules.required)
    throw new DomainError(
      VerificationInputErrors.VERIFICATION_ANSWERS_INVALID,
      `Ask the caller for at least ${rules.required} factors`,
      { field: 'body.answers', required: rules.required },
    );
  return answered;
}

/** Load: the case, its account locked (one attempt per account at a time), the lockout, the representative. */
async function loadAttempt(trx: Trx, input: VerifyCallerInput): Promise<Attempt> {
  const kase = await findCaseOrThrow(trx, input.caseId);
  const account = await lockAccountOrThrow(trx, kase.account_id);
  const lockout = await findLockout(trx, account.id);
  const rep =
    input.subject.type === 'representative'
      ? await findActiveRepresentative(trx, account.id, input.subject.representativeId)
      : undefined;
  return { caseId: kase.id, accountId: account.id, lockout, rep };
}

/** Guard: not while the account is locked, and only a current representative of this account. */
function guardAttempt(attempt: Attempt, input: VerifyCallerInput, now: Date): void {
  const lockedUntil = attempt.lockout.locked_until;
  if (lockedUntil && lockedUntil > now)
    throw new DomainError(VerificationErrors.VERIFICATION_LOCKED, 'Verification is locked for this account', {
      field: 'params.id',
      lockedUntil: lockedUntil.toISOString(),
    });
  if (input.subject.type === 'representative' && !attempt.rep)
    throw new DomainError(
      VerificationInputErrors.REPRESENTATIVE_NOT_FOUND,
      'No such representative on this account',
      { field: 'body.subject.representativeId' },
    );
}

/** How many answers match the stored secrets of the person (an e-mail code speaks for the holder only). */
async function countMatches(
  trx: Trx,
  deps: UseCaseDeps,
  attempt: Attempt,
  answered: Answer[],
): Promise<number> {
  const subjectId = attempt.rep?.id ?? attempt.accountId;
  const stored = await findSecretsOf(trx, subjectId);
  let matched = 0;
  for (const [factor, answer] of answered) {
    if (factor === 'email_code') {
      if (
        !attempt.rep &&
        (await checkEmailCode(trx, deps, { caseId: attempt.caseId, code: answer })) === 'matched'
      )
        matched++;
      continue;
    }
    const secret = stored.find((s) => s.factor === factor);
    const normalized = normalizeFactor(factor, answer);
    if (
      secret &&
      normalized &&
      hashesEqual(secret.secret_hash, hashFactor(deps.secret, subjectId, factor, normalized))
    )
      matched++;
  }
  return matched;
}

/** Change: the attempt (factor names only), the account's failures or lock, the case's verification. */
async function recordAttempt(
  trx: Trx,
  deps: UseCaseDeps,
  step: {
    attempt: Attempt;
    answered: Answer[];
    matched: number;
    decision: VerificationDecision;
    rules: Rules;
    now: Date;
  },
): Promise<void> {
  const { attempt, decision, now } = step;
  await insertAttempt(trx, {
    id: newId('vat', now),
    case_id: attempt.caseId,
    account_id: attempt.accountId,
    representative_id: attempt.rep?.id ?? null,
    actor_id: deps.actor.id!,
    factors: JSON.stringify(step.answered.map(([f]) => f)),
    matched: step.matched,
    succeeded: decision.result === 'verified',
    at: now,
  });
  await saveLockout(trx, attempt.accountId, {
    failures: decision.failuresAfter,
    lockedUntil: decision.lockedUntil,
    flaggedAt: decision.lockedUntil ? now : null,
  });
  if (decision.result !== 'verified') return;
  const rep = attempt.rep;
  await saveCaseVerification(trx, {
    case_id: attempt.caseId,
    account_id: attempt.accountId,
    subject_type: rep ? 'representative' : 'holder',
    representative_id: rep?.id ?? null,
    can_cancel: rep ? rep.can_cancel : true,
    can_request_refunds: rep ? rep.can_request_refunds : true,
    verified_at: now,
    expires_at: new Date(now.getTime() + step.rules.ttlMinutes * MINUTE),
  });
  await touchCase(trx, attempt.caseId, now);
}
