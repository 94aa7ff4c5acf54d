import type { UseCaseDeps } from '../../../platform/deps';
import { listSurveys, type SurveyRow } from '../surveys.repository';

/** Every follow-up and answer in the account's history, newest first. */
export function listAccountSurveys(deps: UseCaseDeps, input: { accountId: string }): Promise<SurveyRow[]> {
  return listSurveys(deps.db, { accountId: input.accountId });
}
