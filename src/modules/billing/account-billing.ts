import type { Executor } from '../../platform/audit';
import { selectBillingSummaryJson } from './billing.repository';
import { type BillingSummary, toBillingSummary } from './billing.schemas';

/**
 * The account's billing as the account view shows it (subscriptions with periods and next
 * renewal, invoices, the balance of every open invoice, store credit), read on its own in the
 * caller's transaction: what the cancellation desk reviews with the customer.
 */
export async function accountBilling(
  db: Executor,
  input: { accountId: string; today: string; currency: string },
): Promise<BillingSummary> {
  const json = await selectBillingSummaryJson(db, input.accountId);
  return toBillingSummary(json as Parameters<typeof toBillingSummary>[0], {
    today: input.today,
    currency: input.currency,
  });
}
