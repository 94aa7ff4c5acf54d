export const END_OF_TERM_JOB = 'subscription.end-of-term';
export const END_OF_TERM_SWEEP_JOB = 'subscription.end-of-term-sweep';
/** Shortly after midnight in the company's time zone, every day. */
export const END_OF_TERM_SWEEP_CRON = '5 0 * * *';

export type EndOfTermOutcome =
  /** The subscription was pending cancellation and its date has come: it is now cancelled. */
  | 'ended'
  /** Not (or no longer) pending cancellation: revoked, already ended, or never cancelled. */
  | 'not_pending'
  /** Still pending, but its effective date lies in the future (it was moved); its own job will come. */
  | 'not_due'
  | 'not_found';
