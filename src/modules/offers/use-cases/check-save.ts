import { writeAudit } from '../../../platform/audit';
import { DAY } from '../../../platform/clock';
import type { UseCaseDeps } from '../../../platform/deps';
import { findSubscriptionWithPlanOrThrow } from '../../billing';
import { decideSaveWatch, lockSaveWatch, postponeSaveWatch } from '../offers.repository';
import { SAVE_CHECK_JOB } from '../save-watch';

export type SaveCheckOutcome =
  | 'confirmed'
  | 'lost'
  | 'postponed'
  | 'not_due'
  | 'decided_already'
  | 'not_found';

const STILL_SUBSCRIBED = new Set(['active', 'trialing', 'past_due', 'paused']);

/**
 * The save watch's one check (job 'offer.save-check'): a save counts (confirmed) when the
 * customer is still subscribed at the check, and is lost when the subscription is ending or
 * ended. A pause counts only once resumed: still paused, the check moves one day on. Runs any
 * number of times safely (the watch row is locked and decided once).
 */
export async function checkSave(deps: UseCaseDeps, input: { watchId: string }): Promise<SaveCheckOutcome> {
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    const watch = await lockSaveWatch(trx, input.watchId);
    if (!watch) return 'not_found';
    if (watch.status !== 'pending') return 'decided_already';
    if (watch.check_at.getTime() > now.getTime()) return 'not_due';
    const sub = await findSubscriptionWithPlanOrThrow(trx, watch.subscription_id);
    if (watch.kind === 'pause' && sub.status === 'paused') {
      const next = new Date(now.getTime() + DAY);
      await postponeSaveWatch(trx, watch.id, next);
      await deps.jobs.send(trx, SAVE_CHECK_JOB, { watchId: watch.id }, { startAfter: next });
      return 'postponed';
    }
    const status = STILL_SUBSCRIBED.has(sub.status) ? 'confirmed' : 'lost';
    await decideSaveWatch(trx, watch.id, status, now);
    await writeAudit(trx, deps.actor, now, {
      action: status === 'confirmed' ? 'offer.save_confirmed' : 'offer.save_lost',
      entityType: 'offer_save_watch',
      entityId: watch.id,
      caseId: watch.case_id,
      accountId: watch.account_id,
      changes: { offerId: watch.offer_id, holdout: watch.holdout, subscriptionStatus: sub.status },
    });
    return status;
  });
}
