import type { UseCaseDeps } from '../../../platform/deps';
import { DomainError } from '../../../platform/errors';
import { findAccountOrThrow } from '../../accounts';
import { accountBilling } from '../../billing';
import { CancellationErrors } from '../cancellations.errors';
import { lockCancellationOrThrow, updateCancellation } from '../cancellations.repository';
import { todayOf } from '../rules';
import { assertStep, recordStep } from '../steps';

/**
 * Records the account review (step 3): when the customer owes money on open invoices, the agent
 * must confirm having told them (balanceDiscussed), or the flow does not go on.
 */
export async function reviewCancellation(
  deps: UseCaseDeps,
  input: { cancellationId: string; balanceDiscussed: boolean },
): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    const row = await lockCancellationOrThrow(trx, input.cancellationId);
    assertStep(row, 'review');
    const account = await findAccountOrThrow(trx, row.account_id, 'params.id');
    const billing = await accountBilling(trx, {
      accountId: row.account_id,
      today: todayOf(now, deps.config.timeZone),
      currency: account.currency,
    });
    const owed = billing.balance.outstandingMinor;
    if (owed > 0 && !input.balanceDiscussed)
      throw new DomainError(
        CancellationErrors.CANCELLATION_BALANCE_NOT_DISCUSSED,
        `The customer owes ${owed} on open invoices: tell them, then confirm it`,
        { field: 'body.balanceDiscussed', outstandingMinor: owed },
      );
    await updateCancellation(trx, row.id, {
      reviewed_at: now,
      open_balance_minor: owed,
      balance_discussed: owed > 0 ? input.balanceDiscussed : false,
      updated_at: now,
    });
    await recordStep(trx, deps, now, {
      row,
      step: 'reviewed',
      status: row.status,
      changes: { outstandingMinor: owed, balanceDiscussed: owed > 0 ? input.balanceDiscussed : false },
    });
  });
}
