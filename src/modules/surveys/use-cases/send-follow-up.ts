import { writeAudit } from '../../../platform/audit';
import { DAY } from '../../../platform/clock';
import type { UseCaseDeps } from '../../../platform/deps';
import { newToken } from '../../../platform/ids';
import { keyedHash } from '../../../platform/keyed-hash';
import { enqueueCaseMessage } from '../../messaging';
import { loadFollowUpSettings } from '../follow-up-settings';

export function surveyTokenHash(secret: string, token: string): string {
  return keyedHash(secret, 'survey', token);
}

function formatDate(at: Date, language: 'de' | 'en', timeZone: string): string {
  return new Intl.DateTimeFormat(language === 'de' ? 'de-DE' : 'en-GB', {
    dateStyle: 'long',
    timeZone,
  }).format(at);
}

/**
 * The follow-up job: when a scheduled survey is due, mint its single-use link and queue the
 * survey e-mail in the customer's language, in one transaction. A cancelled, already sent or
 * unknown survey is left alone, so a job that runs twice sends once.
 */
export async function sendFollowUp(deps: UseCaseDeps, input: { surveyId: string; baseUrl: string }) {
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    const survey = await trx
      .selectFrom('surveys')
      .selectAll()
      .where('id', '=', input.surveyId)
      .forUpdate()
      .executeTakeFirst();
    if (survey?.state !== 'scheduled') return { sent: false as const, reason: survey?.state ?? 'unknown' };
    const language = (
      await trx
        .selectFrom('accounts')
        .select('language')
        .where('id', '=', survey.account_id)
        .executeTakeFirstOrThrow()
    ).language;
    const { validDays } = await loadFollowUpSettings(trx);
    const token = newToken(32);
    const expiresAt = new Date(now.getTime() + validDays * DAY);
    const message = await enqueueCaseMessage(trx, deps.actor, now, {
      kind: 'follow_up_survey',
      caseId: survey.case_id,
      jobs: deps.jobs,
      variables: {
        survey: {
          url: `${input.baseUrl.replace(/\/$/, '')}/s/${token}`,
          validUntil: formatDate(expiresAt, language, deps.config.timeZone),
        },
      },
    });
    await trx
      .updateTable('surveys')
      .set({
        state: 'sent',
        token_hash: surveyTokenHash(deps.secret, token),
        message_id: message.id,
        sent_at: now,
        expires_at: expiresAt,
      })
      .where('id', '=', survey.id)
      .execute();
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
