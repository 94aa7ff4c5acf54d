import type { Executor } from '../../platform/audit';
import { findNewestSubscriptionPayment, findSubscriptionDetail } from './billing.repository';

/** A subscription with its plan, as the cancellation desk reads it (null when there is none). */
export async function subscriptionDetail(db: Executor, subscriptionId: string) {
  const row = await findSubscriptionDetail(db, subscriptionId);
  if (!row) return null;
  return {
    id: row.id,
    accountId: row.account_id,
    status: row.status,
    planCode: row.plan_code,
    planName: { de: row.plan_name_de, en: row.plan_name_en },
    price: { amountMinor: Number(row.price_minor), currency: row.currency },
    cycle: row.cycle,
    startedAt: row.started_at,
    period: { start: row.current_period_start, end: row.current_period_end },
    nextRenewalOn: row.next_renewal_on,
    cancelEffectiveOn: row.cancel_effective_on,
    pausedUntil: row.paused_until,
  };
}
export type SubscriptionDetail = NonNullable<Awaited<ReturnType<typeof subscriptionDetail>>>;

/** The id of the newest succeeded payment of a subscription (what paid its current period), or null. */
export async function newestSubscriptionPaymentId(
  db: Executor,
  subscriptionId: string,
): Promise<string | null> {
  return (await findNewestSubscriptionPayment(db, subscriptionId))?.id ?? null;
}
