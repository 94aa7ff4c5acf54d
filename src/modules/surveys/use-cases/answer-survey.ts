import type { Executor } from '../../../platform/audit';
import { writeAudit } from '../../../platform/audit';
import type { UseCaseDeps } from '../../../platform/deps';
import { surveyTokenHash } from './send-follow-up';

export type SurveyLinkStatus = 'open' | 'answered' | 'expired' | 'unknown';

/** What a survey link leads to: the open survey, or why it cannot be answered (used, expired, unknown). */
export async function findSurveyByToken(db: Executor, secret: string, token: string, now: Date) {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return { status: 'unknown' as SurveyLinkStatus, survey: null };
  const survey = await db
    .selectFrom('surveys')
    .innerJoin('accounts', 'accounts.id', 'surveys.account_id')
    .innerJoin('cases', 'cases.id', 'surveys.case_id')
    .select([
      'surveys.id',
      'surveys.state',
      'surveys.expires_at',
      'surveys.case_id',
      'surveys.account_id',
      'accounts.language',
      'accounts.first_name',
      'accounts.last_name',
      'cases.case_number',
    ])
    .where('surveys.token_hash', '=', surveyTokenHash(secret, token))
    .executeTakeFirst();
  if (!survey) return { status: 'unknown' as SurveyLinkStatus, survey: null };
  if (survey.state === 'answered') return { status: 'answered' as SurveyLinkStatus, survey };
  if (survey.state !== 'sent' || !survey.expires_at || survey.expires_at <= now)
    return { status: 'expired' as SurveyLinkStatus, survey };
  return { status: 'open' as SurveyLinkStatus, survey };
}

/**
 * Records the customer's answer once: the update only matches a sent, unexpired, unanswered
 * survey, so a second submit (or a race of two) changes nothing and says so.
 */
export async function answerSurvey(
  deps: UseCaseDeps,
  input: { token: string; rating: number; comment: string },
): Promise<SurveyLinkStatus | 'recorded'> {
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    const found = await findSurveyByToken(trx, deps.secret, input.token, now);
    if (found.status !== 'open' || !found.survey) return found.status;
    const updated = await trx
      .updateTable('surveys')
      .set({ state: 'answered', rating: input.rating, comment: input.comment || null, answered_at: now })
      .where('id', '=', found.survey.id)
      .where('state', '=', 'sent')
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) return 'answered';
    await writeAudit(
      trx,
      { id: null, role: 'customer', ip: deps.actor.ip, requestId: deps.actor.requestId },
      now,
      {
        action: 'survey.answered',
        entityType: 'survey',
        entityId: found.survey.id,
        accountId: found.survey.account_id,
        caseId: found.survey.case_id,
        changes: { rating: input.rating, comment: input.comment.slice(0, 500) },
      },
    );
    return 'recorded';
  });
}
