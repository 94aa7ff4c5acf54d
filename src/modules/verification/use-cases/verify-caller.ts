import { writeAudit } from '../../../platform/audit';
import { MINUTE } from '../../../platform/clock';
import type { UseCaseDeps } from '../../../platform/deps';
import { DomainError } from '../../../platform/errors';
import { newId } from '../../../platform/ids';
import { type ConfigFactor, getSetting, LOCKOUT } from '../../settings';
import { decideVerification, hashesEqual } from '../decide-verification';
import { checkEmailCode } from '../email-code';
import { hashFactor, normalizeFactor } from '../factor-hash';
import { VerificationErrors, VerificationInputErrors } from '../verification.errors';

export interface VerifyCallerInput {
  caseId: string;
  subject: { type: 'holder' } | { type: 'representative'; representativeId: string };
  answers: Partial<Record<ConfigFactor, string>>;
}

/**
 * The agent types what the caller says; each answer is normalised and compared with the keyed
 * hash of the stored secret (an e-mail code with the code just sent). Enough matches verify the
 * caller on this case until the configured lifetime ends; every failure counts, and the third in
 * a row locks verification on the account for 15 minutes and flags it. Which factor was wrong is
 * never said.
 */
export async function verifyCaller(deps: UseCaseDeps, input: VerifyCallerInput) {
  const config = await getSetting(deps.db, 'verification');
  const answered = (Object.entries(input.answers) as Array<[ConfigFactor, string | undefined]>).filter(
    ([, v]) => v !== undefined && v.trim() !== '',
  );
  for (const [factor] of answered)
    if (!config.factors.includes(factor))
      throw new DomainError(
        VerificationInputErrors.VERIFICATION_ANSWERS_INVALID,
        `${factor} is not an enabled factor`,
        {
          field: `body.answers.${factor}`,
        },
      );
  if (answered.length < config.required)
    throw new DomainError(
      VerificationInputErrors.VERIFICATION_ANSWERS_INVALID,
      `Ask the caller for at least ${config.required} factors`,
      { field: 'body.answers', required: config.required },
    );
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    const kase = await trx
      .selectFrom('cases')
      .select(['id', 'account_id'])
      .where('id', '=', input.caseId)
      .executeTakeFirst();
    if (!kase)
      throw new DomainError(VerificationErrors.CASE_NOT_FOUND, `Case ${input.caseId} does not exist`, {
        field: 'params.id',
      });
    const account = await trx
      .selectFrom('accounts')
      .select(['id', 'verification_failures', 'verification_locked_until'])
      .where('id', '=', kase.account_id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (account.verification_locked_until && account.verification_locked_until > now)
      throw new DomainError(
        VerificationErrors.VERIFICATION_LOCKED,
        'Verification is locked for this account',
        {
          field: 'params.id',
          lockedUntil: account.verification_locked_until.toISOString(),
        },
      );
    let subjectId = account.id;
    let rep: { id: string; can_cancel: boolean; can_request_refunds: boolean } | undefined;
    if (input.subject.type === 'representative') {
      rep = await trx
        .selectFrom('account_representatives')
        .select(['id', 'can_cancel', 'can_request_refunds'])
        .where('id', '=', input.subject.representativeId)
        .where('account_id', '=', account.id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      if (!rep)
        throw new DomainError(
          VerificationInputErrors.REPRESENTATIVE_NOT_FOUND,
          'No such representative on this account',
          {
            field: 'body.subject.representativeId',
          },
        );
      subjectId = rep.id;
    }
    const stored = await trx
      .selectFrom('verification_secrets')
      .select(['factor', 'secret_hash'])
      .where('subject_id', '=', subjectId)
      .execute();
    let matched = 0;
    for (const [factor, answer] of answered) {
      if (factor === 'email_code') {
        // the code goes to the holder's address, so it speaks for the holder only
        if (!rep && (await checkEmailCode(trx, deps, { caseId: kase.id, code: answer! })) === 'matched')
          matched++;
        continue;
      }
      const secret = stored.find((s) => s.factor === factor);
      const normalized = normalizeFactor(factor, answer!);
      if (
        secret &&
        normalized &&
        hashesEqual(secret.secret_hash, hashFactor(deps.secret, subjectId, factor, normalized))
      )
        matched++;
    }
    const decision = decideVerification(
      { required: config.required, ...LOCKOUT },
      { matched, failuresBefore: account.verification_failures, now },
    );
    await trx
      .insertInto('verification_attempts')
      .values({
        id: newId('vat', now),
        case_id: kase.id,
        account_id: account.id,
        representative_id: rep?.id ?? null,
        actor_id: deps.actor.id!,
        factors: JSON.stringify(answered.map(([f]) => f)),
        matched,
        succeeded: decision.result === 'verified',
        at: now,
      })
      .execute();
    await trx
      .updateTable('accounts')
      .set({
        verification_failures: decision.failuresAfter,
        ...(decision.lockedUntil
          ? { verification_locked_until: decision.lockedUntil, verification_flagged_at: now }
          : {}),
      })
      .where('id', '=', account.id)
      .execute();
    const expiresAt = new Date(now.getTime() + config.ttlMinutes * MINUTE);
    if (decision.result === 'verified')
      await trx
        .updateTable('cases')
        .set({
          verified_at: now,
          verification_expires_at: expiresAt,
          verified_subject_type: rep ? 'representative' : 'holder',
          verified_representative_id: rep?.id ?? null,
          verified_can_cancel: rep ? rep.can_cancel : true,
          verified_can_request_refunds: rep ? rep.can_request_refunds : true,
          updated_at: now,
        })
        .where('id', '=', kase.id)
        .execute();
    await writeAudit(trx, deps.actor, now, {
      action: `verification.${decision.result}`,
      entityType: 'case',
      entityId: kase.id,
      accountId: account.id,
      caseId: kase.id,
      changes: {
        subject: rep ? { type: 'representative', id: rep.id } : { type: 'holder' },
        factors: answered.map(([f]) => f),
        matched,
        required: config.required,
        ...(decision.lockedUntil ? { lockedUntil: decision.lockedUntil.toISOString() } : {}),
      },
    });
    return { ...decision, matched, required: config.required };
  });
}
