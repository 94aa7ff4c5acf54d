import type { UseCaseDeps } from '../../../platform/deps';
import { loadSurveyLink, type SurveyLink } from '../survey-link';

/** What the customer's survey link shows: the form, or why it cannot be answered. */
export function openSurvey(deps: UseCaseDeps, input: { token: string }): Promise<SurveyLink> {
  return loadSurveyLink(deps.db, { secret: deps.secret, token: input.token, now: deps.clock.now() });
}
