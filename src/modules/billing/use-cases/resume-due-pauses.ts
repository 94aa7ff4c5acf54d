import { businessDate } from '../../../platform/clock';
import type { UseCaseDeps } from '../../../platform/deps';
import { listDuePauses } from '../subscription-changes.repository';
import { resumeSubscription } from './resume-subscription';

/** Resumes every paused subscription whose resume date is today or earlier: the daily safety net behind the per-subscription jobs. */
export async function resumeDuePauses(deps: UseCaseDeps, input: { batch?: number } = {}) {
  const batch = input.batch ?? 500;
  const today = businessDate(deps.clock.now(), deps.config.timeZone);
  let resumed = 0;
  let after = '';
  for (;;) {
    const due = await listDuePauses(deps.db, today, after, batch);
    for (const { id } of due)
      if ((await resumeSubscription(deps, { subscriptionId: id })) === 'resumed') resumed++;
    if (due.length < batch) return { resumed };
    after = due[due.length - 1]!.id;
  }
}
