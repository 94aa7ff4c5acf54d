import { startOfBusinessDate } from '../../../platform/clock';
import type { Trx, UseCaseDeps } from '../../../platform/deps';
import { findSubscriptionOrThrow } from '../billing.repository';
import { END_OF_TERM_JOB } from '../end-of-term';

/**
 * Schedules the end of a subscription whose cancellation takes effect at period end: a job due
 * at the start of `cancel_effective_on` in the company's time zone, sent in the caller's
 * transaction (the one that set the cancellation). Revoking the cancellation needs no job
 * cancellation: the job re-reads the subscription and does nothing unless it is still due.
 */
export async function scheduleEndOfTerm(trx: Trx, deps: UseCaseDeps, input: { subscriptionId: string }) {
  const sub = await findSubscriptionOrThrow(trx, input.subscriptionId, 'body.subscriptionId');
  if (sub.status !== 'pending_cancellation' || !sub.cancel_effective_on)
    throw new Error(`subscription ${sub.id} has no cancellation scheduled`);
  const dueAt = startOfBusinessDate(sub.cancel_effective_on, deps.config.timeZone);
  const jobId = await deps.jobs.send(trx, END_OF_TERM_JOB, { subscriptionId: sub.id }, { startAfter: dueAt });
  return { jobId, dueAt };
}
