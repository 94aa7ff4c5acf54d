// Insights: what managers learn from the desk's history. Today the policy simulator, which replays
// the stored refund requests against a draft policy with the same pure evaluation.

export { WEEKLY_DIGEST_CRON, WEEKLY_DIGEST_JOB } from './digest-job';
export type { SimulationSummary } from './simulation';
export { getWeeklyDigest } from './use-cases/get-weekly-digest';
export { sendWeeklyDigests } from './use-cases/send-weekly-digests';
export { simulatePolicy } from './use-cases/simulate-policy';
