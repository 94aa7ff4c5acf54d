import { writeAudit } from '../../../platform/audit';
import { addDays } from '../../../platform/clock';
import type { Trx, UseCaseDeps } from '../../../platform/deps';
import { assertChangeable } from '../subscription-changes';
import { lockSubscriptionWithPlanOrThrow, updateSubscription } from '../subscription-changes.repository';

export interface ExtendSubscriptionInput {
  subscriptionId: string;
  /** Free days added to the current period. */
  days: number;
  caseId?: string;
  field?: string;
}

/** Adds free days to a running subscription: the current period ends, and the next renewal comes, that many days later. */
export async function extendSubscription(trx: Trx, deps: UseCaseDeps, input: ExtendSubscriptionInput) {
  const now = deps.clock.now();
  const field = input.field ?? 'body.subscriptionId';
  const sub = await lockSubscriptionWithPlanOrThrow(trx, input.subscriptionId, field);
  assertChangeable(sub, field);
  const periodEnd = addDays(sub.current_period_end, input.days);
  const nextRenewal = sub.next_renewal_on ? addDays(sub.next_renewal_on, input.days) : null;
  await updateSubscription(trx, sub.id, { current_period_end: periodEnd, next_renewal_on: nextRenewal });
  await writeAudit(trx, deps.actor, now, {
    action: 'subscription.extended',
    entityType: 'subscription',
    entityId: sub.id,
    accountId: sub.account_id,
    caseId: input.caseId ?? null,
    changes: {
      days: input.days,
      periodEnd: { from: sub.current_period_end, to: periodEnd },
      nextRenewalOn: { from: sub.next_renewal_on, to: nextRenewal },
    },
  });
  return { periodEnd, nextRenewalOn: nextRenewal };
}
