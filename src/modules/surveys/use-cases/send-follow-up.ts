import { writeAudit } from '../../../platform/audit';
import { DAY } from '../../../platform/clock';
import type { UseCaseDeps } from '../../../platform/deps';
import { newToken } from '../../../platform/ids';
import { findAccountOrThrow } from '../../accounts';
import { enqueueCaseMessage } from '../../messaging';
import { loadFollowUpSettings } from '../follow-up-settings';
import { surveyTokenHash } from '../survey-token';
import { lockSurvey, updateSurvey } from '../surveys.repository';

function formatDate(at: Date, language: 'de' | 'en', timeZone: string): string {
  return new Intl.DateTimeFormat(language === 'de' ? 'de-DE' : 'en-GB', {
    dateStyle: 'long',
    timeZone,
  }).format(at);
}

/**
 * The follow-up job: when a scheduled survey is due, mint its single-use link and queue the
 * survey e-mail in the customer's language, in one transaction. A cancelled, already sent or
 * unknown survey is left alone, so a job that runs twice sends once. The link reaches only the
 * customer: staff see it masked, and only its keyed hash is kept.
 */
export async function sendFollowUp(deps: UseCaseDeps, input: { surveyId: string; baseUrl: string }) {
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    const survey = await lockSurvey(trx, input.surveyId);
    if (survey?.state !== 'scheduled') return { sent: false as const, reason: survey?.state ?? 'unknown' };
    const { language } = await findAccountOrThrow(trx, survey.account_id, 'surveyId');
    const { validDays } = await loadFollowUpSettings(trx);
    const token = newToken(32);
    const expiresAt = new Date(now.getTime() + validDays * DAY);
    const message = await enqueueCaseMessage(trx, deps, {
      kind: 'follow_up_survey',
      caseId: survey.case_id,
      caseField: 'surveyId',
      variables: {
        survey: {
          url: `${input.baseUrl.replace(/\/$/, '')}/s/${token}`,
          validUntil: formatDate(expiresAt, language, deps.config.timeZone),
        },
      },
    });
    await updateSurvey(trx, survey.id, {
      state: 'sent',
      token_hash: surveyTokenHash(deps.secret, token),
      message_id: message.id,
      sent_at: now,
      expires_at: expiresAt,
    });
    await writeAudit(trx, deps.actor, now, {
      action: 'follow_up.sent',
      entityType: 'survey',
      entityId: survey.id,
      accountId: survey.account_id,
      caseId: survey.case_id,
      changes: { messageId: message.id, expiresAt: expiresAt.toISOString() },
    });
    return { sent: true as const, messageId: message.id, token };
  });
}
