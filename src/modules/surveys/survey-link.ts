import type { Executor } from '../../platform/audit';
import { findAccountOrThrow } from '../accounts';
import { findCaseOrThrow } from '../cases';
import { getSetting } from '../settings';
import { isWellFormedToken, surveyTokenHash } from './survey-token';
import { findSurveyByTokenHash, type SurveyRow } from './surveys.repository';

export type SurveyLinkStatus = 'open' | 'answered' | 'expired' | 'unknown';

/** Whom a survey page greets, in which language, about which case, under which company. */
export interface SurveyPageData {
  language: 'de' | 'en';
  greeting: string;
  fullName: string;
  caseNumber: string;
  companyName: string;
}

/** Where a survey link leads: the survey and what its page shows, or why it cannot be answered. */
export type SurveyLink =
  | { status: 'unknown'; survey: null; page: null; companyName: string }
  | {
      status: Exclude<SurveyLinkStatus, 'unknown'>;
      survey: SurveyRow;
      page: SurveyPageData;
      companyName: string;
    };

/**
 * Reads a link's token: unknown (never sent, malformed), answered, expired (or not yet sent), or
 * open. `lock` locks the survey for an answer in the same transaction, so of two answers racing
 * one finds it open and the other answered.
 */
export async function loadSurveyLink(
  db: Executor,
  input: { secret: string; token: string; now: Date; lock?: boolean },
): Promise<SurveyLink> {
  const desk = await getSetting(db, 'desk');
  const survey = isWellFormedToken(input.token)
    ? await findSurveyByTokenHash(db, surveyTokenHash(input.secret, input.token), { lock: input.lock })
    : undefined;
  if (!survey) return { status: 'unknown', survey: null, page: null, companyName: desk.companyName };
  const account = await findAccountOrThrow(db, survey.account_id);
  const kase = await findCaseOrThrow(db, survey.case_id);
  const page: SurveyPageData = {
    language: account.language,
    greeting: desk.greeting[account.language],
    fullName: `${account.first_name} ${account.last_name}`,
    caseNumber: kase.case_number,
    companyName: desk.companyName,
  };
  const status: SurveyLinkStatus =
    survey.state === 'answered'
      ? 'answered'
      : survey.state !== 'sent' || !survey.expires_at || survey.expires_at <= input.now
        ? 'expired'
        : 'open';
  return { status, survey, page, companyName: desk.companyName };
}
