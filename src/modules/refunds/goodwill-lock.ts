import { addMonths, businessDate } from '../../platform/clock';
import type { Trx } from '../../platform/deps';
import { DomainError } from '../../platform/errors';
import { serializeLimit } from '../../platform/limits';
import { addMoney, compareMoney, type Money, money, sumMoney } from '../../platform/money';
import type { Evaluation, PolicyDocument } from '../policy';
import { basesOf, loadPaymentContext } from './gather-facts';
import { RefundErrors } from './refunds.errors';
import { listPendingGoodwillPayouts, type RefundRequestRow } from './refunds.repository';

/**
 * The customer's goodwill limits (count and amount per rolling 12 months) at the moment money is
 * granted. The evaluation at intake read the history as it was then; two goodwill requests of one
 * customer decided at once would each fit on their own. So every goodwill approval of an account
 * first takes the account's goodwill lock (transaction-scoped), then counts the goodwill booked in
 * the window — including what the transaction before it just committed — and refuses with
 * REFUND_GOODWILL_LIMIT_REACHED what would go over either limit. A limit the evaluation already
 * found exceeded is an exception decided knowingly by the role it required (decision-rules.ts),
 * so only the limits the evaluation still saw room in are enforced here.
 */
export async function assertGoodwillLeft(
  trx: Trx,
  input: { row: RefundRequestRow; evaluation: Evaluation; policy: PolicyDocument; amount: Money; now: Date },
): Promise<void> {
  const { row, policy, amount, now } = input;
  if (input.evaluation.basis !== 'goodwill') return;
  await serializeLimit(trx, goodwillLockOf(row.account_id));
  const used = await goodwillUsed(trx, row, policy, now);
  const limits = policy.goodwill.perCustomer12Months;
  const maxAmount = money(limits.maxAmountMinor, amount.currency);
  const afterThis = addMoney(used.amount, amount);
  const known = input.evaluation.exception;
  const overCount = used.count >= limits.maxCount && !known?.overCustomerCountLimit;
  const overAmount = compareMoney(afterThis, maxAmount) > 0 && !known?.overCustomerAmountLimit;
  if (overCount || overAmount)
    throw new DomainError(
      RefundErrors.REFUND_GOODWILL_LIMIT_REACHED,
      `The customer's goodwill of the last 12 months (${used.count} of ${limits.maxCount}, ` +
        `${used.amount.amountMinor} of ${limits.maxAmountMinor} ${amount.currency}) leaves no room for ${amount.amountMinor}`,
      {
        field: 'params.id',
        usedCount: used.count,
        maxCount: limits.maxCount,
        usedMinor: used.amount.amountMinor,
        maxAmountMinor: limits.maxAmountMinor,
      },
    );
}

const goodwillLockOf = (accountId: string) => `goodwill:${accountId}`;

/**
 * Takes the account's goodwill lock when a goodwill request's money moves (the worker), so a
 * decision counting goodwill never sees a payout between "promised" and "booked".
 */
export async function holdGoodwillLock(trx: Trx, row: RefundRequestRow): Promise<void> {
  if ((row.evaluation as { basis?: string }).basis === 'goodwill')
    await serializeLimit(trx, goodwillLockOf(row.account_id));
}

/**
 * Goodwill booked for the account in the rolling 12 months (the evaluation's window and bases),
 * plus the goodwill approved and not yet paid out (pending executions): promised is used.
 */
async function goodwillUsed(trx: Trx, row: RefundRequestRow, policy: PolicyDocument, now: Date) {
  const context = await loadPaymentContext(trx, row.payment_id, now);
  const moneyBack = context?.moneyBack ?? [];
  const bases = await basesOf(
    trx,
    row.account_id,
    moneyBack.map((m) => m.id),
  );
  const today = businessDate(now, policy.timeZone);
  const before = addMonths(today, -12);
  const goodwill = moneyBack.filter((m) => {
    const day = businessDate(m.at, policy.timeZone);
    return (bases.get(m.id) ?? 'goodwill') === 'goodwill' && day > before && day <= today;
  });
  const pending = (await listPendingGoodwillPayouts(trx, row.account_id)).map((p) =>
    money(Number(p.amount_minor), p.currency),
  );
  return {
    count: goodwill.length + pending.length,
    amount: sumMoney([...goodwill.map((m) => m.amount), ...pending], row.currency),
  };
}
