import { type Executor, writeAudit } from '../../../platform/audit';
import { businessDate, startOfBusinessDate } from '../../../platform/clock';
import type { UseCaseDeps } from '../../../platform/deps';

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

/**
 * Schedules the end of a subscription whose cancellation takes effect at period end: a job due
 * at the start of `cancel_effective_on` in the company's time zone, sent in the caller's
 * transaction (the one that set the cancellation). Revoking the cancellation needs no job
 * cancellation: the job re-reads the subscription and does nothing unless it is still due.
 */
export async function scheduleEndOfTerm(trx: Executor, deps: UseCaseDeps, input: { subscriptionId: string }) {
  const sub = await trx
    .selectFrom('subscriptions')
    .select(['id', 'status', 'cancel_effective_on'])
    .where('id', '=', input.subscriptionId)
    .executeTakeFirstOrThrow();
  if (sub.status !== 'pending_cancellation' || !sub.cancel_effective_on)
    throw new Error(`subscription ${sub.id} has no cancellation scheduled`);
  const dueAt = startOfBusinessDate(sub.cancel_effective_on, deps.config.timeZone);
  const jobId = await deps.jobs.send(trx, END_OF_TERM_JOB, { subscriptionId: sub.id }, { startAfter: dueAt });
  return { jobId, dueAt };
}

/**
 * Ends one subscription whose scheduled cancellation is due: pending_cancellation becomes
 * cancelled, audited in the same transaction. Safe to run any number of times and concurrently
 * (the row is locked; a second run finds it no longer pending).
 */
export async function applyEndOfTerm(
  deps: UseCaseDeps,
  input: { subscriptionId: string },
): Promise<EndOfTermOutcome> {
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    const sub = await trx
      .selectFrom('subscriptions')
      .select(['id', 'account_id', 'status', 'cancel_effective_on'])
      .where('id', '=', input.subscriptionId)
      .forUpdate()
      .executeTakeFirst();
    if (!sub) return 'not_found';
    if (sub.status !== 'pending_cancellation' || !sub.cancel_effective_on) return 'not_pending';
    if (sub.cancel_effective_on > businessDate(now, deps.config.timeZone)) return 'not_due';
    await trx
      .updateTable('subscriptions')
      .set({ status: 'cancelled', next_renewal_on: null })
      .where('id', '=', sub.id)
      .execute();
    await writeAudit(trx, deps.actor, now, {
      action: 'subscription.ended',
      entityType: 'subscription',
      entityId: sub.id,
      accountId: sub.account_id,
      changes: {
        status: { from: 'pending_cancellation', to: 'cancelled' },
        effectiveOn: sub.cancel_effective_on,
      },
    });
    return 'ended';
  });
}

/**
 * Ends every subscription whose cancellation is due today or earlier and has not been applied:
 * the daily safety net behind the per-subscription jobs (and the way cancellations that were
 * imported or seeded without a job take effect). Works in batches so a large backlog commits
 * as it goes.
 */
export async function applyDueEndsOfTerm(deps: UseCaseDeps, options: { batch?: number } = {}) {
  const batch = options.batch ?? 500;
  const today = businessDate(deps.clock.now(), deps.config.timeZone);
  let ended = 0;
  let after = '';
  for (;;) {
    const due = await deps.db
      .selectFrom('subscriptions')
      .select('id')
      .where('status', '=', 'pending_cancellation')
      .where('cancel_effective_on', '<=', today)
      .where('id', '>', after)
      .orderBy('id')
      .limit(batch)
      .execute();
    for (const { id } of due) if ((await applyEndOfTerm(deps, { subscriptionId: id })) === 'ended') ended++;
    if (due.length < batch) return { ended };
    after = due[due.length - 1]!.id;
  }
}
