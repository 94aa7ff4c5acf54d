import type { UseCaseDeps } from '../../../platform/deps';
import { type ScheduleFollowUpInput, scheduleFollowUpIn } from './schedule-follow-up-in';

/** Schedules a case's follow-up on its own (the case view's "schedule follow-up" action). */
export function scheduleFollowUp(deps: UseCaseDeps, input: ScheduleFollowUpInput) {
  return deps.db.transaction().execute((trx) => scheduleFollowUpIn(trx, deps, input));
}
