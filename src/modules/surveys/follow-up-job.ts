/** The pg-boss job that sends a case's satisfaction follow-up when it is due. */
export const FOLLOW_UP_JOB = 'case.follow-up';
