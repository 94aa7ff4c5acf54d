import { writeAudit } from '../../../platform/audit';
import type { UseCaseDeps } from '../../../platform/deps';

/** Ends the caller's session; the cookie token stops working at once. */
export async function logOut(deps: UseCaseDeps, sessionId: string): Promise<void> {
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const deleted = await trx.deleteFrom('staff_sessions').where('id', '=', sessionId).executeTakeFirst();
    if (Number(deleted.numDeletedRows) > 0 && deps.actor.id) {
      await writeAudit(trx, deps.actor, now, {
        action: 'staff.logged_out',
        entityType: 'staff_user',
        entityId: deps.actor.id,
      });
    }
  });
}
