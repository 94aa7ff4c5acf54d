import type { UseCaseDeps } from '../../../platform/deps';
import { cancellationsByWeek } from '../cancellations.repository';

export interface CancellationWeek {
  /** Cancellations processed (at period end or at once); a revoked one is not counted. */
  cancelled: number;
  /** Customers who stayed after an offer. */
  retained: number;
}

/** The cancellation figures of each calendar week (Monday, YYYY-MM-DD, business time zone) in [from, to). */
export async function weeklyCancellationFigures(
  deps: UseCaseDeps,
  input: { from: Date; to: Date },
): Promise<Map<string, CancellationWeek>> {
  const rows = await cancellationsByWeek(deps.db, { ...input, timeZone: deps.config.timeZone });
  return new Map(rows.map((r) => [r.week, { cancelled: r.cancelled, retained: r.retained }]));
}
