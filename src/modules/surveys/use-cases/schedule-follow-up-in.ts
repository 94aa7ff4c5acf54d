import { writeAudit } from '../../../platform/audit';
import { DAY } from '../../../platform/clock';
import type { Trx, UseCaseDeps } from '../../../platform/deps';
import { DomainError } from '../../../platform/errors';
import { newId } from '../../../platform/ids';
import { lockCaseOrThrow } from '../../cases';
import { FOLLOW_UP_JOB } from '../follow-up-job';
import { loadFollowUpSettings } from '../follow-up-settings';
import { SurveyErrors } from '../surveys.errors';
import { findOpenSurveyOfCase, insertSurvey } from '../surveys.repository';

export interface ScheduleFollowUpInput {
  caseId: string;
  /** Days from now; default the configured delay (setting follow_up.delayDays, 7). */
  inDays?: number;
}

/**
 * Schedules the satisfaction follow-up of a case inside the caller's transaction: a survey row
 * and a pg-boss job due in `inDays`. Closing a case calls this in its own transaction, so the
 * follow-up exists if and only if the case was closed. The job is created before the row, which
 * keeps its id; both commit or neither does.
 */
export async function scheduleFollowUpIn(trx: Trx, deps: UseCaseDeps, input: ScheduleFollowUpInput) {
  const now = deps.clock.now();
  const kase = await lockCaseOrThrow(trx, input.caseId);
  if (await findOpenSurveyOfCase(trx, kase.id))
    throw new DomainError(SurveyErrors.FOLLOW_UP_ALREADY_SCHEDULED, 'This case already has a follow-up', {
      field: 'params.id',
    });
  const days = input.inDays ?? (await loadFollowUpSettings(trx)).delayDays;
  const dueAt = new Date(now.getTime() + days * DAY);
  const id = newId('srv', now);
  const jobId = await deps.jobs.send(trx, FOLLOW_UP_JOB, { surveyId: id }, { startAfter: dueAt });
  await insertSurvey(trx, {
    id,
    case_id: kase.id,
    account_id: kase.account_id,
    state: 'scheduled',
    due_at: dueAt,
    job_id: jobId,
    token_hash: null,
    message_id: null,
    sent_at: null,
    expires_at: null,
    rating: null,
    comment: null,
    answered_at: null,
    created_by: deps.actor.id,
    created_at: now,
    cancelled_at: null,
  });
  await writeAudit(trx, deps.actor, now, {
    action: 'follow_up.scheduled',
    entityType: 'survey',
    entityId: id,
    accountId: kase.account_id,
    caseId: kase.id,
    changes: { dueAt: dueAt.toISOString(), inDays: days },
  });
  return { id, dueAt };
}
