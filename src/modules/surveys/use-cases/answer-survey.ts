import { writeAudit } from '../../../platform/audit';
import type { UseCaseDeps } from '../../../platform/deps';
import { LOW_RATING_MAX } from '../low-rating-alert';
import { loadSurveyLink, type SurveyLink, type SurveyLinkStatus } from '../survey-link';
import { updateSurvey } from '../surveys.repository';
import { alertLowRating } from './alert-low-rating';

export interface AnswerSurveyInput {
  token: string;
  /** 1 to 5; anything else is shown the form again. */
  rating: number;
  comment: string;
}

/** What became of an answer: recorded, refused for want of a rating, or why the link takes none. */
export type SurveyAnswerOutcome = SurveyLinkStatus | 'recorded' | 'no_rating';

/**
 * Records the customer's answer once. The survey is locked before it is checked, so of any number
 * of answers racing on one link exactly one finds it open; the others find it answered and say so.
 * A rating of 1 or 2 stars alerts the case's lead in the same transaction (alert-low-rating.ts).
 */
export async function answerSurvey(
  deps: UseCaseDeps,
  input: AnswerSurveyInput,
): Promise<{ outcome: SurveyAnswerOutcome; link: SurveyLink }> {
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    const link = await loadSurveyLink(trx, { secret: deps.secret, token: input.token, now, lock: true });
    if (link.status !== 'open') return { outcome: link.status, link };
    if (!(Number.isInteger(input.rating) && input.rating >= 1 && input.rating <= 5))
      return { outcome: 'no_rating', link };
    const comment = input.comment.slice(0, 2000);
    await updateSurvey(trx, link.survey.id, {
      state: 'answered',
      rating: input.rating,
      comment: comment || null,
      answered_at: now,
    });
    await writeAudit(
      trx,
      { id: null, role: 'customer', ip: deps.actor.ip, requestId: deps.actor.requestId },
      now,
      {
        action: 'survey.answered',
        entityType: 'survey',
        entityId: link.survey.id,
        accountId: link.survey.account_id,
        caseId: link.survey.case_id,
        changes: { rating: input.rating, comment: comment.slice(0, 500) },
      },
    );
    if (input.rating <= LOW_RATING_MAX)
      await alertLowRating(trx, deps, {
        surveyId: link.survey.id,
        caseId: link.survey.case_id,
        accountId: link.survey.account_id,
        rating: input.rating,
        comment: comment || null,
      });
    return { outcome: 'recorded', link };
  });
}
