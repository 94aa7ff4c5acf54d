import { DAY, HOUR, startOfBusinessDate } from '../../platform/clock';
import type { Trx, UseCaseDeps } from '../../platform/deps';
import { newId } from '../../platform/ids';
import { insertSaveWatch } from './offers.repository';
import type { OfferKind } from './offers.table';

export const SAVE_CHECK_JOB = 'offer.save-check';
/** A save counts only if the customer is still subscribed this many days after accepting. */
export const SAVE_WINDOW_DAYS = 30;

/**
 * Puts a case on the save watchlist and schedules its one check: 30 days on, or for a pause the
 * morning of its resume date (a pause counts when the customer resumes). Held-out cases are
 * watched the same way, so their retention is the "doing nothing" comparison.
 */
export async function watchSave(
  trx: Trx,
  deps: UseCaseDeps,
  input: {
    caseId: string;
    accountId: string;
    subscriptionId: string;
    offerId: string | null;
    kind: OfferKind | null;
    holdout: boolean;
    resumeOn?: string;
  },
) {
  const now = deps.clock.now();
  const checkAt = input.resumeOn
    ? new Date(startOfBusinessDate(input.resumeOn, deps.config.timeZone).getTime() + HOUR)
    : new Date(now.getTime() + SAVE_WINDOW_DAYS * DAY);
  const id = newId('osw', now);
  const inserted = await insertSaveWatch(trx, {
    id,
    case_id: input.caseId,
    account_id: input.accountId,
    subscription_id: input.subscriptionId,
    offer_id: input.offerId,
    kind: input.kind,
    holdout: input.holdout,
    check_at: checkAt,
    created_at: now,
  });
  if (inserted) await deps.jobs.send(trx, SAVE_CHECK_JOB, { watchId: id }, { startAfter: checkAt });
  return { watchId: inserted ? id : null, checkAt };
}
