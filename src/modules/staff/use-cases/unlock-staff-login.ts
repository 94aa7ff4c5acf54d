import { writeAudit } from '../../../platform/audit';
import type { UseCaseDeps } from '../../../platform/deps';
import { loginWindowStart } from '../login-throttle';
import { clearFailedLogins, findStaffOrThrow, lockStaffOrThrow, type StaffView } from '../staff.repository';

export interface UnlockStaffLoginInput {
  id: string;
}

/**
 * Lifts the login throttle for a staff member's e-mail from every source (an admin's way out when
 * someone locked a colleague out, or they locked themselves out): their failed logins stop
 * counting, stay recorded, and the unlock is audited with how many were cleared.
 */
export async function unlockStaffLogin(deps: UseCaseDeps, input: UnlockStaffLoginInput): Promise<StaffView> {
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    const user = await lockStaffOrThrow(trx, input.id);
    const cleared = await clearFailedLogins(trx, user.email, now);
    await writeAudit(trx, deps.actor, now, {
      action: 'staff.login_unlocked',
      entityType: 'staff_user',
      entityId: user.id,
      changes: { email: user.email, clearedFailures: cleared },
    });
    return findStaffOrThrow(trx, user.id, loginWindowStart(now));
  });
}
