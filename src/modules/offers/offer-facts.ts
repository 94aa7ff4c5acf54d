import { businessDate, daysBetween } from '../../platform/clock';
import type { Trx } from '../../platform/deps';
import { DomainError } from '../../platform/errors';
import { accountLifetimeValue, findSubscriptionWithPlanOrThrow } from '../billing';
import { OfferErrors } from './offers.errors';
import type { OfferFacts } from './use-cases/present-offers';

/** The facts the eligibility rules read, gathered from billing for a subscription of the case's account. */
export async function gatherOfferFacts(
  trx: Trx,
  input: { accountId: string; subscriptionId: string; reasonCode: string; now: Date; timeZone: string },
): Promise<OfferFacts> {
  const sub = await findSubscriptionWithPlanOrThrow(trx, input.subscriptionId, 'body.subscriptionId');
  if (sub.account_id !== input.accountId)
    throw new DomainError(
      OfferErrors.OFFER_SUBSCRIPTION_MISMATCH,
      'The subscription is not one of this account',
      {
        field: 'body.subscriptionId',
      },
    );
  const today = businessDate(input.now, input.timeZone);
  return {
    accountId: input.accountId,
    subscriptionId: sub.id,
    planCode: sub.plan_code,
    tenureDays: Math.max(0, daysBetween(businessDate(sub.started_at, input.timeZone), today)),
    reasonCode: input.reasonCode,
    lifetimeValue: await accountLifetimeValue(trx, input.accountId, sub.currency),
    now: input.now,
  };
}
