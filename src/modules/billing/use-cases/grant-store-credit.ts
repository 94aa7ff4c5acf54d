import { writeAudit } from '../../../platform/audit';
import type { Trx, UseCaseDeps } from '../../../platform/deps';
import { DomainError } from '../../../platform/errors';
import { newId } from '../../../platform/ids';
import { addMoney, isPositiveMoney, type Money } from '../../../platform/money';
import { BillingErrors } from '../billing.errors';
import { insertStoreCreditEntry, listStoreCreditAmounts } from '../billing.repository';
import { storeCreditBalanceOf } from '../store-credit';

export interface GrantStoreCreditInput {
  /** The account, already loaded by the caller (the case it belongs to names it). */
  accountId: string;
  amount: Money;
  reason: string;
  caseId?: string | null;
}

/**
 * Books store credit for an account in the caller's transaction: one ledger entry, audited with
 * it. The ledger keeps one currency per account, so the amount must be in the ledger's.
 */
export async function grantStoreCredit(trx: Trx, deps: UseCaseDeps, input: GrantStoreCreditInput) {
  const now = deps.clock.now();
  const entries = await listStoreCreditAmounts(trx, input.accountId);
  const inOtherCurrency = entries.some((e) => e.currency !== input.amount.currency);
  if (!Number.isSafeInteger(input.amount.amountMinor) || !isPositiveMoney(input.amount) || inOtherCurrency)
    throw new DomainError(
      BillingErrors.MONEY_AMOUNT_INVALID,
      'Store credit is a whole positive amount in the currency of the account’s ledger',
      { field: 'body.amountMinor' },
    );
  const balanceBefore = storeCreditBalanceOf(entries, input.amount.currency);
  const id = newId('scr', now);
  await insertStoreCreditEntry(trx, {
    id,
    account_id: input.accountId,
    amount_minor: input.amount.amountMinor,
    currency: input.amount.currency,
    reason: input.reason,
    case_id: input.caseId ?? null,
    created_by: deps.actor.id,
    created_at: now,
  });
  const balance = addMoney(balanceBefore, input.amount);
  await writeAudit(trx, deps.actor, now, {
    action: 'store_credit.granted',
    entityType: 'store_credit_entry',
    entityId: id,
    accountId: input.accountId,
    caseId: input.caseId ?? null,
    changes: {
      amountMinor: input.amount.amountMinor,
      currency: input.amount.currency,
      reason: input.reason,
      balanceMinor: { from: balanceBefore.amountMinor, to: balance.amountMinor },
    },
  });
  return { entryId: id, amount: input.amount, balance };
}
