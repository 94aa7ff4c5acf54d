import type { UseCaseDeps } from '../../../platform/deps';
import { listSurveys, type SurveyRow } from '../surveys.repository';

/** The case's follow-ups and the customer's answers, oldest first. */
export function listCaseSurveys(deps: UseCaseDeps, input: { caseId: string }): Promise<SurveyRow[]> {
  return listSurveys(deps.db, { caseId: input.caseId });
}
