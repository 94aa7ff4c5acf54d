export const RENEWAL_SWEEP_JOB = 'subscription.renewal-sweep';
/** Shortly after midnight in the company's time zone, every day (after the end-of-term sweep). */
export const RENEWAL_SWEEP_CRON = '15 0 * * *';

export type RenewalOutcome =
  /** A period was paid for: a paid invoice and a succeeded payment of the built-in provider. */
  | 'renewed'
  /** Not active (cancelled, ending, paused, ...) or its renewal date has not come: nothing happened. */
  | 'not_due'
  | 'not_found';
