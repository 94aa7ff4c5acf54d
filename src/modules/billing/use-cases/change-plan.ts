import { writeAudit } from '../../../platform/audit';
import type { Trx, UseCaseDeps } from '../../../platform/deps';
import { DomainError } from '../../../platform/errors';
import { assertChangeable } from '../subscription-changes';
import { SubscriptionChangeErrors } from '../subscription-changes.errors';
import {
  findPlanByCodeOrThrow,
  lockSubscriptionWithPlanOrThrow,
  updateSubscription,
} from '../subscription-changes.repository';

export interface ChangePlanInput {
  subscriptionId: string;
  planCode: string;
  caseId?: string;
  field?: string;
}

/**
 * Moves a running subscription to another plan NOW: the plan, its price and cycle are the new
 * plan's from this moment, so the next renewal charges the new price; the period already paid
 * keeps running to its end and nothing is refunded or charged for the change itself.
 */
export async function changePlan(trx: Trx, deps: UseCaseDeps, input: ChangePlanInput) {
  const now = deps.clock.now();
  const field = input.field ?? 'body.subscriptionId';
  const sub = await lockSubscriptionWithPlanOrThrow(trx, input.subscriptionId, field);
  assertChangeable(sub, field);
  const plan = await findPlanByCodeOrThrow(trx, input.planCode);
  if (plan.id === sub.plan_id)
    throw new DomainError(
      SubscriptionChangeErrors.PLAN_UNCHANGED,
      `The subscription is on ${plan.code} already`,
      {
        field: 'body.terms.planCode',
      },
    );
  await updateSubscription(trx, sub.id, {
    plan_id: plan.id,
    price_minor: plan.price_minor,
    cycle: plan.cycle,
  });
  await writeAudit(trx, deps.actor, now, {
    action: 'subscription.plan_changed',
    entityType: 'subscription',
    entityId: sub.id,
    accountId: sub.account_id,
    caseId: input.caseId ?? null,
    changes: {
      plan: { from: sub.plan_code, to: plan.code },
      priceMinor: { from: Number(sub.price_minor), to: plan.price_minor },
      cycle: { from: sub.cycle, to: plan.cycle },
    },
  });
  return { planCode: plan.code, priceMinor: plan.price_minor };
}
