import type { UseCaseDeps } from '../../../platform/deps';
import { surveyAnswersByWeek } from '../surveys.repository';

export interface SurveyWeek {
  answers: number;
  /** Average rating (1–5) of the week's answers, null without answers. */
  average: number | null;
  /** Answers with 1 or 2 stars. */
  low: number;
}

/** The survey answers of each calendar week (Monday, YYYY-MM-DD, business time zone) in [from, to). */
export async function weeklySurveyFigures(
  deps: UseCaseDeps,
  input: { from: Date; to: Date },
): Promise<Map<string, SurveyWeek>> {
  const rows = await surveyAnswersByWeek(deps.db, { ...input, timeZone: deps.config.timeZone });
  return new Map(
    rows.map((r) => [
      r.week,
      { answers: r.answers, average: r.average === null ? null : Number(r.average), low: r.low },
    ]),
  );
}
