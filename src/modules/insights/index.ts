// Insights: what managers learn from the desk's history. Today the policy simulator, which replays
// the stored refund requests against a draft policy with the same pure evaluation.
export type { SimulationSummary } from './simulation';
export { simulatePolicy } from './use-cases/simulate-policy';
