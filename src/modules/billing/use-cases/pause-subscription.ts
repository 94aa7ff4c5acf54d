import { writeAudit } from '../../../platform/audit';
import { addDays, addMonths, businessDate, daysBetween, startOfBusinessDate } from '../../../platform/clock';
import type { Trx, UseCaseDeps } from '../../../platform/deps';
import { assertChangeable, RESUME_JOB } from '../subscription-changes';
import { lockSubscriptionWithPlanOrThrow, updateSubscription } from '../subscription-changes.repository';

export interface PauseSubscriptionInput {
  subscriptionId: string;
  /** 1–3 months from today (Berlin business date). */
  months: number;
  caseId?: string;
  field?: string;
}

/**
 * Pauses a running subscription for whole months: status 'paused' until the resume date, and
 * the period end and next renewal move by the pause's days, so the paused time is not paid for.
 * A job at the start of the resume date (and the daily resume sweep) makes it active again.
 */
export async function pauseSubscription(trx: Trx, deps: UseCaseDeps, input: PauseSubscriptionInput) {
  const now = deps.clock.now();
  const field = input.field ?? 'body.subscriptionId';
  const sub = await lockSubscriptionWithPlanOrThrow(trx, input.subscriptionId, field);
  assertChangeable(sub, field);
  const today = businessDate(now, deps.config.timeZone);
  const resumeOn = addMonths(today, input.months);
  const days = daysBetween(today, resumeOn);
  const periodEnd = addDays(sub.current_period_end, days);
  const nextRenewal = sub.next_renewal_on ? addDays(sub.next_renewal_on, days) : null;
  await updateSubscription(trx, sub.id, {
    status: 'paused',
    paused_until: resumeOn,
    current_period_end: periodEnd,
    next_renewal_on: nextRenewal,
  });
  await writeAudit(trx, deps.actor, now, {
    action: 'subscription.paused',
    entityType: 'subscription',
    entityId: sub.id,
    accountId: sub.account_id,
    caseId: input.caseId ?? null,
    changes: {
      status: { from: sub.status, to: 'paused' },
      resumeOn,
      periodEnd: { from: sub.current_period_end, to: periodEnd },
      nextRenewalOn: { from: sub.next_renewal_on, to: nextRenewal },
    },
  });
  await deps.jobs.send(
    trx,
    RESUME_JOB,
    { subscriptionId: sub.id },
    { startAfter: startOfBusinessDate(resumeOn, deps.config.timeZone) },
  );
  return { resumeOn, periodEnd, nextRenewalOn: nextRenewal };
}
