import type { UseCaseDeps } from '../../../platform/deps';
import {
  assembleDashboard,
  countsByDimension,
  DECISION_TARGET_HOURS,
  eventFilterOf,
  resolveFilter,
} from '../dashboard';
import { allowDashboardMemory, dashboardFigures, revenueOf, staffNames } from '../insights.repository';
import type { Dashboard, DashboardQuery } from '../insights.schemas';

/**
 * The insights dashboard of a period: cancellations, refund requests and exceptions over time and
 * by reason, plan, channel, tenure, language and agent; exception approvals, refund rate and
 * goodwill, time to decision, offers against the holdout, and satisfaction: one pass over the
 * period's events, beside it the period's revenue, then the staff names. Agents get it without goodwill per agent and per approver.
 */
export async function getDashboard(deps: UseCaseDeps, input: DashboardQuery): Promise<Dashboard> {
  const timeZone = deps.config.timeZone;
  const filter = resolveFilter(input, deps.clock.now(), timeZone);
  const f = eventFilterOf(filter, timeZone);
  const [figures, revenue] = await Promise.all([
    deps.db.transaction().execute(async (trx) => {
      await allowDashboardMemory(trx);
      return dashboardFigures(trx, f, DECISION_TARGET_HOURS);
    }),
    revenueOf(deps.db, f),
  ]);
  const { decisions, offers } = figures;
  const counts = countsByDimension(figures.counts);
  const people = counts
    .filter((r) => (r.dim === 'agent' || r.dim === 'approver') && r.key)
    .map((r) => r.key!);
  const names = await staffNames(deps.db, [...new Set(people)]);
  const restricted = deps.actor.role === 'agent';
  return assembleDashboard(filter, timeZone, { counts, names, revenue, decisions, offers }, restricted);
}
