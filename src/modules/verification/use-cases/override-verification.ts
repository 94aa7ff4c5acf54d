import { writeAudit } from '../../../platform/audit';
import { MINUTE } from '../../../platform/clock';
import type { UseCaseDeps } from '../../../platform/deps';
import { DomainError } from '../../../platform/errors';
import { getSetting } from '../../settings';
import { VerificationErrors, VerificationInputErrors } from '../verification.errors';

/** A lead vouches for the caller with a written reason; the case counts as verified, and it is audited. */
export async function overrideVerification(deps: UseCaseDeps, input: { caseId: string; reason: string }) {
  const config = await getSetting(deps.db, 'verification');
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
    const expiresAt = new Date(now.getTime() + config.ttlMinutes * MINUTE);
    await trx
      .updateTable('cases')
      .set({
        verified_at: now,
        verification_expires_at: expiresAt,
        verified_subject_type: 'override',
        verified_representative_id: null,
        verified_can_cancel: true,
        verified_can_request_refunds: true,
        updated_at: now,
      })
      .where('id', '=', kase.id)
      .execute();
    await writeAudit(trx, deps.actor, now, {
      action: 'verification.overridden',
      entityType: 'case',
      entityId: kase.id,
      accountId: kase.account_id,
      caseId: kase.id,
      changes: { reason: input.reason, expiresAt: expiresAt.toISOString() },
    });
  });
}

/** A lead lifts the 15-minute lock early, with a reason; the flag stays on the account's record. */
export async function unlockVerification(deps: UseCaseDeps, input: { accountId: string; reason: string }) {
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    const account = await trx
      .selectFrom('accounts')
      .select(['id', 'verification_locked_until'])
      .where('id', '=', input.accountId)
      .forUpdate()
      .executeTakeFirst();
    if (!account)
      // the accounts feature owns this code; verification does not import accounts (it imports us)
      throw new DomainError('ACCOUNT_NOT_FOUND', `Account ${input.accountId} does not exist`, {
        field: 'params.id',
      });
    if (!account.verification_locked_until || account.verification_locked_until <= now)
      throw new DomainError(VerificationInputErrors.VERIFICATION_NOT_LOCKED, 'The account is not locked', {
        field: 'params.id',
      });
    await trx
      .updateTable('accounts')
      .set({ verification_locked_until: null, verification_failures: 0 })
      .where('id', '=', account.id)
      .execute();
    await writeAudit(trx, deps.actor, now, {
      action: 'verification.unlocked',
      entityType: 'account',
      entityId: account.id,
      accountId: account.id,
      changes: { reason: input.reason, lockedUntil: account.verification_locked_until.toISOString() },
    });
  });
}
