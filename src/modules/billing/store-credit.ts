import type { Executor } from '../../platform/audit';
import { type Money, moneyFromColumn, sumMoney } from '../../platform/money';
import { listStoreCreditAmounts } from './billing.repository';

/** The balance of a store-credit ledger: the sum of its entries (grants positive, uses negative). */
export function storeCreditBalanceOf(
  entries: ReadonlyArray<{ amount_minor: number | string; currency: string }>,
  currency: string,
): Money {
  return sumMoney(
    entries.map((e) => moneyFromColumn(e.amount_minor, e.currency)),
    currency,
  );
}

/** The account's store-credit balance in `currency` (the account's); read in the caller's transaction if given one. */
export async function storeCreditBalance(db: Executor, accountId: string, currency: string): Promise<Money> {
  return storeCreditBalanceOf(await listStoreCreditAmounts(db, accountId), currency);
}
