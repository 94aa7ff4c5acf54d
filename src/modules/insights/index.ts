// Insights: what managers learn from the desk's history. Today the policy simulator, which replays
// the stored refund requests against a draft policy with the same pure evaluation.

export { WEEKLY_DIGEST_CRON, WEEKLY_DIGEST_JOB } from './digest-job';
export type { Dashboard, DashboardCases } from './insights.schemas';
export type { SimulationSummary } from './simulation';
export { exportDashboardCsv } from './use-cases/export-dashboard-csv';
export { getDashboard } from './use-cases/get-dashboard';
export { getWeeklyDigest } from './use-cases/get-weekly-digest';
export { listDashboardCases } from './use-cases/list-dashboard-cases';
export { sendWeeklyDigests } from './use-cases/send-weekly-digests';
export { simulatePolicy } from './use-cases/simulate-policy';
