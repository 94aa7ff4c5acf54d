import { type Executor, writeAudit } from '../../../platform/audit';
import { DAY } from '../../../platform/clock';
import type { UseCaseDeps } from '../../../platform/deps';
import { DomainError } from '../../../platform/errors';
import { newId } from '../../../platform/ids';
import { loadFollowUpSettings } from '../follow-up-settings';
import { SurveyErrors } from '../surveys.errors';

export const FOLLOW_UP_JOB = 'case.follow-up';

/**
 * Schedules the satisfaction follow-up of a case inside the caller's transaction: a survey row
 * and a pg-boss job due in `inDays` (default from settings, 7). Closing a case calls this with
 * its own transaction, so the follow-up exists if and only if the case was closed.
 */
export async function scheduleFollowUpIn(
  trx: Executor,
  deps: UseCaseDeps,
  input: { caseId: string; inDays?: number },
) {
  const now = deps.clock.now();
  const kase = await trx
    .selectFrom('cases')
    .select(['id', 'account_id'])
    .where('id', '=', input.caseId)
    .executeTakeFirst();
  if (!kase)
    throw new DomainError(SurveyErrors.SURVEY_CASE_NOT_FOUND, `Case ${input.caseId} does not exist`, {
      field: 'params.id',
    });
  const open = await trx
    .selectFrom('surveys')
    .select('id')
    .where('case_id', '=', kase.id)
    .where('state', 'in', ['scheduled', 'sent'])
    .executeTakeFirst();
  if (open)
    throw new DomainError(SurveyErrors.FOLLOW_UP_ALREADY_SCHEDULED, 'This case already has a follow-up', {
      field: 'params.id',
    });
  const days = input.inDays ?? (await loadFollowUpSettings(trx)).delayDays;
  const dueAt = new Date(now.getTime() + days * DAY);
  const id = newId('srv', now);
  const jobId = await deps.jobs.send(trx, FOLLOW_UP_JOB, { surveyId: id }, { startAfter: dueAt });
  await trx
    .insertInto('surveys')
    .values({
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
    })
    .execute();
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

/** Schedules a case's follow-up on its own (the case view's "schedule follow-up" action). */
export function scheduleFollowUp(deps: UseCaseDeps, input: { caseId: string; inDays?: number }) {
  return deps.db.transaction().execute((trx) => scheduleFollowUpIn(trx, deps, input));
}
