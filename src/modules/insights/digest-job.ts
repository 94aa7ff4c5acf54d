/** The job that sends the leads' weekly digest (one run per week, pg-boss's cron). */
export const WEEKLY_DIGEST_JOB = 'insights.weekly-digest' as const;
/** Mondays at 07:00 in the company's time zone, before the leads' week starts. */
export const WEEKLY_DIGEST_CRON = '0 7 * * 1';
