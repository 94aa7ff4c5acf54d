import { writeAudit } from '../../../platform/audit';
import type { UseCaseDeps } from '../../../platform/deps';
import { forgetSessions } from '../session-cache';
import { deleteSession } from '../staff.repository';

export interface LogOutInput {
  sessionId: string;
}

/** Ends the caller's session; the cookie token stops working at once. */
export async function logOut(deps: UseCaseDeps, input: LogOutInput): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    const ended = await deleteSession(trx, input.sessionId);
    if (ended > 0 && deps.actor.id) {
      await writeAudit(trx, deps.actor, now, {
        action: 'staff.logged_out',
        entityType: 'staff_user',
        entityId: deps.actor.id,
      });
    }
  });
  forgetSessions(deps.db);
}
