import type { UseCaseDeps } from '../../../platform/deps';
import { findAccountOrThrow } from '../../accounts';
import { accountBilling } from '../../billing';
import { findCancellationOrThrow } from '../cancellations.repository';
import { planCancellation } from '../plan';
import { todayOf } from '../rules';
import { planInputOf, toPlanResponse } from '../view';

/**
 * What the agent reviews with the customer (step 3): the subscription with its period and next
 * renewal, every subscription of the account, the balance and the open invoices, and what each
 * option (period end, immediately) would do, the refund under the policy included.
 */
export async function getCancellationReview(deps: UseCaseDeps, input: { cancellationId: string }) {
  const row = await findCancellationOrThrow(deps.db, input.cancellationId);
  const account = await findAccountOrThrow(deps.db, row.account_id, 'params.id');
  const billing = await accountBilling(deps.db, {
    accountId: row.account_id,
    today: todayOf(deps.clock.now(), deps.config.timeZone),
    currency: account.currency,
  });
  const atPeriodEnd = await planCancellation(deps.db, deps, planInputOf(row, 'period_end'));
  const immediate = await planCancellation(deps.db, deps, planInputOf(row, 'immediate'));
  const sub = atPeriodEnd.subscription;
  return {
    subscription: {
      id: sub.id,
      status: sub.status,
      planCode: sub.planCode,
      planName: sub.planName,
      price: sub.price,
      cycle: sub.cycle,
      period: sub.period,
      nextRenewalOn: sub.nextRenewalOn,
      cancelEffectiveOn: sub.cancelEffectiveOn,
    },
    subscriptions: billing.subscriptions,
    balance: billing.balance,
    openInvoices: billing.invoices.filter((i) => i.status === 'open'),
    mustDiscussBalance: billing.balance.outstandingMinor > 0,
    options: { period_end: toPlanResponse(atPeriodEnd), immediate: toPlanResponse(immediate) },
  };
}
