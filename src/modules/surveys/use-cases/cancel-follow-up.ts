import { writeAudit } from '../../../platform/audit';
import type { UseCaseDeps } from '../../../platform/deps';
import { DomainError } from '../../../platform/errors';
import { FOLLOW_UP_JOB } from '../follow-up-job';
import { SurveyErrors } from '../surveys.errors';
import { lockScheduledSurveyOfCase, updateSurvey } from '../surveys.repository';

/** Cancels a case's follow-up that has not gone out yet; its job is cancelled too. */
export async function cancelFollowUp(deps: UseCaseDeps, input: { caseId: string }) {
  const cancelled = await deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    const survey = await lockScheduledSurveyOfCase(trx, input.caseId);
    if (!survey)
      throw new DomainError(SurveyErrors.FOLLOW_UP_NOT_SCHEDULED, 'No follow-up is waiting on this case', {
        field: 'params.id',
      });
    await updateSurvey(trx, survey.id, { state: 'cancelled', cancelled_at: now });
    await writeAudit(trx, deps.actor, now, {
      action: 'follow_up.cancelled',
      entityType: 'survey',
      entityId: survey.id,
      accountId: survey.account_id,
      caseId: survey.case_id,
    });
    return survey;
  });
  // the job finds the survey cancelled even if this cancel is lost; cancelling it is tidiness
  if (cancelled.job_id) await deps.jobs.cancel(FOLLOW_UP_JOB, cancelled.job_id);
  return cancelled;
}
