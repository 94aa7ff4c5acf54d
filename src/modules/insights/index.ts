// Insights: what managers learn from the desk's history. Today the policy simulator, which replays
// the stored refund requests against a draft policy with the same pure evaluation.

export type { Dashboard, DashboardCases } from './insights.schemas';
export type { SimulationSummary } from './simulation';
export { exportDashboardCsv } from './use-cases/export-dashboard-csv';
export { getDashboard } from './use-cases/get-dashboard';
export { listDashboardCases } from './use-cases/list-dashboard-cases';
export { simulatePolicy } from './use-cases/simulate-policy';
