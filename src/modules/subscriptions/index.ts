export {
  applyDueEndsOfTerm,
  applyEndOfTerm,
  END_OF_TERM_JOB,
  END_OF_TERM_SWEEP_CRON,
  END_OF_TERM_SWEEP_JOB,
  type EndOfTermOutcome,
  scheduleEndOfTerm,
} from './use-cases/end-of-term';
