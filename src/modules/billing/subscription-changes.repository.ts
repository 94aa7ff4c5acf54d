import type { Executor } from '../../platform/audit';
import { notFound } from '../../platform/errors';
import { type Money, money, moneyFromColumn } from '../../platform/money';
import { BillingErrors } from './billing.errors';
import { findSubscriptionDetail, lockSubscriptionDetail } from './billing.repository';
import type { SubscriptionStatus } from './billing.table';
import { SubscriptionChangeErrors } from './subscription-changes.errors';

// The queries of the subscription changes retention offers make (pause, resume, plan change,
// discount, extension), beside billing.repository.ts so they merge cleanly with other work there.

/** The subscription with its plan (billing's one detail loader), for offer facts and changes; SUBSCRIPTION_NOT_FOUND naming `field`. */
export async function findSubscriptionWithPlanOrThrow(
  db: Executor,
  id: string,
  field = 'body.subscriptionId',
) {
  const row = await findSubscriptionDetail(db, id);
  if (!row) throw notFound(BillingErrors.SUBSCRIPTION_NOT_FOUND, 'Subscription', id, field);
  return row;
}

/** The same, locked (FOR UPDATE of the subscription row) for the rest of the transaction. */
export async function lockSubscriptionWithPlanOrThrow(
  trx: Executor,
  id: string,
  field = 'body.subscriptionId',
) {
  const row = await lockSubscriptionDetail(trx, id);
  if (!row) throw notFound(BillingErrors.SUBSCRIPTION_NOT_FOUND, 'Subscription', id, field);
  return row;
}

export type SubscriptionWithPlan = Awaited<ReturnType<typeof findSubscriptionWithPlanOrThrow>>;

/** An active plan by its code, or undefined. */
export function findActivePlanByCode(db: Executor, code: string) {
  return db
    .selectFrom('plans')
    .select(['id', 'code', 'name_de', 'name_en', 'price_minor', 'currency', 'cycle'])
    .where('code', '=', code)
    .where('is_active', '=', true)
    .executeTakeFirst();
}

/** An active plan by its code, or PLAN_NOT_FOUND naming `field`. */
export async function findPlanByCodeOrThrow(db: Executor, code: string, field = 'body.terms.planCode') {
  const row = await findActivePlanByCode(db, code);
  if (!row) throw notFound(SubscriptionChangeErrors.PLAN_NOT_FOUND, 'Plan', code, field);
  return row;
}

/** What the account paid over its life: succeeded payments minus what was refunded of them. */
export async function accountLifetimeValue(
  db: Executor,
  accountId: string,
  currency: string,
): Promise<Money> {
  const row = await db
    .selectFrom('payments')
    .select((eb) =>
      eb.fn
        .coalesce(eb.fn.sum<string>(eb('amount_minor', '-', eb.ref('refunded_minor'))), eb.lit(0))
        .as('net'),
    )
    .where('account_id', '=', accountId)
    .where('status', '=', 'succeeded')
    .where('currency', '=', currency)
    .executeTakeFirstOrThrow();
  return row.net === null ? money(0, currency) : moneyFromColumn(row.net, currency);
}

export async function updateSubscription(
  trx: Executor,
  id: string,
  set: Partial<{
    status: SubscriptionStatus;
    plan_id: string;
    price_minor: number;
    cycle: 'monthly' | 'annual';
    current_period_end: string;
    next_renewal_on: string | null;
    paused_until: string | null;
    discount_percent: number | null;
    discount_cycles_left: number | null;
  }>,
) {
  await trx.updateTable('subscriptions').set(set).where('id', '=', id).execute();
}
