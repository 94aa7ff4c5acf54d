import { addDays, businessDate, startOfBusinessDate } from '../../../platform/clock';
import type { UseCaseDeps } from '../../../platform/deps';
import { weeklyCancellationFigures } from '../../cancellations';
import { weeklyRefundFigures } from '../../refunds';
import { weeklySurveyFigures } from '../../surveys';
import { buildDigest, lastCompleteWeek, mondayOf, type WeeklyDigest } from '../digest';

/**
 * The weekly digest of the week containing `week` (a business date; default: the last week that
 * has ended), against the four weeks before it. Read only.
 */
export async function getWeeklyDigest(
  deps: UseCaseDeps,
  input: { week?: string } = {},
): Promise<WeeklyDigest> {
  const tz = deps.config.timeZone;
  const weekStart = input.week ? mondayOf(input.week) : lastCompleteWeek(businessDate(deps.clock.now(), tz));
  const range = {
    from: startOfBusinessDate(addDays(weekStart, -28), tz),
    to: startOfBusinessDate(addDays(weekStart, 7), tz),
  };
  const [refunds, cancellations, surveys] = await Promise.all([
    weeklyRefundFigures(deps, range),
    weeklyCancellationFigures(deps, range),
    weeklySurveyFigures(deps, range),
  ]);
  return buildDigest(weekStart, { refunds, cancellations, surveys });
}
