import { writeAudit } from '../../../platform/audit';
import type { Trx, UseCaseDeps } from '../../../platform/deps';
import { assertChangeable } from '../subscription-changes';
import { lockSubscriptionWithPlanOrThrow, updateSubscription } from '../subscription-changes.repository';

export interface ApplyDiscountInput {
  subscriptionId: string;
  /** 1–100 percent off the renewal price. */
  percent: number;
  /** For this many renewals. */
  cycles: number;
  caseId?: string;
  field?: string;
}

/**
 * Gives a running subscription a percent discount for the next N renewals, stored on the
 * subscription (discount_percent, discount_cycles_left): the renewal job charges
 * `renewalPrice(sub)` and counts down with `afterDiscountedRenewal`. A new discount replaces a running one.
 */
export async function applyDiscount(trx: Trx, deps: UseCaseDeps, input: ApplyDiscountInput) {
  const now = deps.clock.now();
  const field = input.field ?? 'body.subscriptionId';
  const sub = await lockSubscriptionWithPlanOrThrow(trx, input.subscriptionId, field);
  assertChangeable(sub, field);
  await updateSubscription(trx, sub.id, {
    discount_percent: input.percent,
    discount_cycles_left: input.cycles,
  });
  await writeAudit(trx, deps.actor, now, {
    action: 'subscription.discount_applied',
    entityType: 'subscription',
    entityId: sub.id,
    accountId: sub.account_id,
    caseId: input.caseId ?? null,
    changes: {
      discountPercent: { from: sub.discount_percent, to: input.percent },
      discountCycles: { from: sub.discount_cycles_left, to: input.cycles },
    },
  });
  return { percent: input.percent, cycles: input.cycles };
}
