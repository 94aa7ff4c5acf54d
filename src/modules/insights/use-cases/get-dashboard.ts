import type { UseCaseDeps } from '../../../platform/deps';
import { assembleDashboard, DECISION_TARGET_HOURS, eventFilterOf, resolveFilter } from '../dashboard';
import { dashboardCounts, decisionTimes, offerCounts, revenueOf, staffNames } from '../insights.repository';
import type { Dashboard, DashboardQuery } from '../insights.schemas';

/**
 * The insights dashboard of a period: cancellations, refund requests and exceptions over time and
 * by reason, plan, channel, tenure, language and agent; exception approvals, refund rate and
 * goodwill, time to decision, offers against the holdout, and satisfaction. Four statements, each
 * one pass over the period (side by side on the pool), and the staff names. Agents get it without goodwill per agent and per approver.
 */
export async function getDashboard(deps: UseCaseDeps, input: DashboardQuery): Promise<Dashboard> {
  const timeZone = deps.config.timeZone;
  const filter = resolveFilter(input, deps.clock.now(), timeZone);
  const f = eventFilterOf(filter, timeZone);
  const [counts, decisions, revenue, offers] = await Promise.all([
    dashboardCounts(deps.db, f),
    decisionTimes(deps.db, f, DECISION_TARGET_HOURS),
    revenueOf(deps.db, f),
    offerCounts(deps.db, f),
  ]);
  const people = counts
    .filter((r) => (r.dim === 'agent' || r.dim === 'approver') && r.key)
    .map((r) => r.key!);
  const names = await staffNames(deps.db, [...new Set(people)]);
  const restricted = deps.actor.role === 'agent';
  return assembleDashboard(filter, timeZone, { counts, names, revenue, decisions, offers }, restricted);
}
