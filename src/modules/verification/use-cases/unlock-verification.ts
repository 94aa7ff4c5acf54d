import { writeAudit } from '../../../platform/audit';
import type { UseCaseDeps } from '../../../platform/deps';
import { DomainError } from '../../../platform/errors';
import { lockAccountOrThrow } from '../../accounts';
import { VerificationInputErrors } from '../verification.errors';
import { clearLock, findLockout } from '../verification.repository';

export interface UnlockVerificationInput {
  accountId: string;
  reason: string;
}

/** A lead lifts the 15-minute lock early, with a reason; the flag stays on the account's record. */
export async function unlockVerification(deps: UseCaseDeps, input: UnlockVerificationInput) {
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    // the account's row lock serialises this with every verification attempt on the account
    const account = await lockAccountOrThrow(trx, input.accountId);
    const lockout = await findLockout(trx, account.id);
    if (!lockout.locked_until || lockout.locked_until <= now)
      throw new DomainError(VerificationInputErrors.VERIFICATION_NOT_LOCKED, 'The account is not locked', {
        field: 'params.id',
      });
    await clearLock(trx, account.id);
    await writeAudit(trx, deps.actor, now, {
      action: 'verification.unlocked',
      entityType: 'account',
      entityId: account.id,
      accountId: account.id,
      changes: { reason: input.reason, lockedUntil: lockout.locked_until.toISOString() },
    });
  });
}
