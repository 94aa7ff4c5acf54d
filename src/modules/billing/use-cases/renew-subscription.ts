import { writeAudit } from '../../../platform/audit';
import { businessDate } from '../../../platform/clock';
import type { UseCaseDeps } from '../../../platform/deps';
import { newId } from '../../../platform/ids';
import {
  advanceSubscriptionPeriod,
  insertRenewalInvoiceAndPayment,
  lockSubscriptionDetail,
} from '../billing.repository';
import { nextPeriod } from '../periods';
import type { RenewalOutcome } from '../renewal';
import { afterDiscountedRenewal, renewalPrice } from '../subscription-changes';

/**
 * Renews one subscription whose renewal date has come, through the built-in provider: a paid
 * invoice and a succeeded payment for the next period, the period moved on, audited, in one
 * transaction. Only an active subscription renews: a cancelled, ending (pending_cancellation) or
 * paused one never does. Safe to run any number of times (the row is locked; a second run finds
 * the renewal date moved on).
 */
export async function renewSubscription(
  deps: UseCaseDeps,
  input: { subscriptionId: string },
): Promise<RenewalOutcome> {
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    const sub = await lockSubscriptionDetail(trx, input.subscriptionId);
    if (!sub) return 'not_found';
    const today = businessDate(now, deps.config.timeZone);
    if (
      sub.status !== 'active' ||
      sub.cancel_effective_on ||
      !sub.next_renewal_on ||
      sub.next_renewal_on > today
    )
      return 'not_due';
    const period = nextPeriod(
      { start: sub.current_period_start, end: sub.current_period_end },
      sub.cycle,
      businessDate(sub.started_at, deps.config.timeZone),
    );
    // a retention discount still running lowers this renewal's charge and counts one cycle down
    const charge = renewalPrice(sub);
    const invoiceId = newId('inv', now);
    const paymentId = newId('pay', now);
    await insertRenewalInvoiceAndPayment(trx, {
      invoiceId,
      invoiceNumber: `RN-${period.start.replaceAll('-', '')}-${sub.id.slice(-10).toUpperCase()}`,
      paymentId,
      accountId: sub.account_id,
      subscriptionId: sub.id,
      amountMinor: charge.amountMinor,
      currency: charge.currency,
      issuedAt: now,
      dueOn: period.start,
    });
    await advanceSubscriptionPeriod(trx, sub.id, period, afterDiscountedRenewal(sub));
    await writeAudit(trx, deps.actor, now, {
      action: 'subscription.renewed',
      entityType: 'subscription',
      entityId: sub.id,
      accountId: sub.account_id,
      changes: {
        period: { from: { start: sub.current_period_start, end: sub.current_period_end }, to: period },
        invoiceId,
        paymentId,
        amountMinor: charge.amountMinor,
        currency: charge.currency,
        ...(sub.discount_percent && sub.discount_cycles_left
          ? { discountPercent: sub.discount_percent, discountCyclesLeft: sub.discount_cycles_left - 1 }
          : {}),
      },
    });
    return 'renewed';
  });
}
