import type { Trx, UseCaseDeps } from '../../platform/deps';
import { newId } from '../../platform/ids';
import { type Money, money, moneyFromColumn } from '../../platform/money';
import {
  bankTransferProvider,
  checkRefundFits,
  grantStoreCredit,
  lockPaymentOrThrow,
  refundPayment,
} from '../billing';
import { holdGoodwillLock } from './goodwill-lock';
import {
  insertRefundExecution,
  listRequestExecutions,
  type RefundExecutionRow,
  type RefundRequestRow,
  sumPendingPayouts,
} from './refunds.repository';
import type { ExecutionMethod } from './refunds.table';

/** What moving the money answered: booked (executed) or refused by the provider (failed). */
export interface Execution {
  method: ExecutionMethod;
  status: 'executed' | 'failed';
  ref: string | null;
  failureReason: string | null;
}

/** The first execution's key is the request's own; a fallback after a failure gets the next number. */
export const refundKeyOf = (requestId: string, attempt = 1) =>
  attempt === 1 ? `refund-request:${requestId}` : `refund-request:${requestId}:${attempt}`;

export interface QueueExecutionInput {
  row: RefundRequestRow;
  amount: Money;
  method: ExecutionMethod;
  payout?: { holder: string; iban: string };
  now: Date;
}

/**
 * Commits the money of an approval for later, in the decision's transaction: a pending execution
 * with the idempotency key the provider will be called with, and the job that executes it. A
 * refund to the payment (or a bank transfer against it) must fit what is left of the payment
 * after every refund already promised, checked under the payment's lock, so the worker never
 * finds the money promised twice.
 */
export async function queueExecution(trx: Trx, deps: UseCaseDeps, input: QueueExecutionInput) {
  const { row, amount, method, now } = input;
  if (method !== 'store_credit') {
    // the payment's lock first: the refunds promised are counted while nobody can book or promise more
    await lockPaymentOrThrow(trx, row.payment_id, 'body.amountMinor');
    const reserved = await sumPendingPayouts(trx, row.payment_id);
    await checkRefundFits(trx, {
      paymentId: row.payment_id,
      amount,
      reserved: moneyFromColumn(reserved, amount.currency),
      field: 'body.amountMinor',
    });
  }
  const earlier = await listRequestExecutions(trx, row.id);
  const id = newId('rex', now);
  await insertRefundExecution(trx, {
    id,
    request_id: row.id,
    method,
    amount_minor: amount.amountMinor,
    currency: amount.currency,
    idempotency_key: refundKeyOf(row.id, earlier.length + 1),
    status: 'pending',
    payout_holder: input.payout?.holder ?? null,
    payout_iban: input.payout?.iban ?? null,
    created_by: deps.actor.id,
    created_at: now,
    updated_at: now,
  });
  await deps.jobs.send(trx, REFUND_EXECUTE_JOB, { executionId: id });
  return id;
}

/** After this many attempts that could not reach the provider, the execution counts as failed. */
export const MAX_EXECUTION_ATTEMPTS = 5;
/** A pending execution untouched this long is one whose job was lost or whose worker crashed. */
export const STALE_EXECUTION_MS = 2 * 60_000;

export const REFUND_EXECUTE_JOB = 'refund.execute' as const;
export const REFUND_EXECUTE_SWEEP_JOB = 'refund.execute-sweep' as const;
/** Every five minutes the worker picks up executions a lost job or a crash left pending. */
export const REFUND_EXECUTE_SWEEP_CRON = '*/5 * * * *';

/**
 * Moves the money of a pending execution in the worker's transaction: to the original payment
 * through billing (its provider, called with the execution's key, under the payment's lock), by
 * bank transfer against the payment, or as store credit. The provider may answer failed.
 */
export async function moveMoney(
  trx: Trx,
  deps: UseCaseDeps,
  row: RefundRequestRow,
  execution: RefundExecutionRow,
): Promise<Execution> {
  const amount = money(Number(execution.amount_minor), execution.currency);
  // goodwill is counted under the account's goodwill lock: booked and promised change together
  await holdGoodwillLock(trx, row);
  const reason = `Refund request ${row.id} (${row.reason_code})`;
  const method = execution.method;
  if (method === 'store_credit') {
    const credit = await grantStoreCredit(trx, deps, {
      accountId: row.account_id,
      amount,
      reason,
      caseId: row.case_id,
    });
    return { method, status: 'executed', ref: credit.entryId, failureReason: null };
  }
  const booking = await refundPayment(trx, deps, {
    paymentId: row.payment_id,
    amount,
    idempotencyKey: execution.idempotency_key,
    reason:
      method === 'bank_transfer'
        ? `${reason}: bank transfer to ${execution.payout_holder}, ${execution.payout_iban}`
        : reason,
    caseId: row.case_id,
    ...(method === 'bank_transfer' ? { via: bankTransferProvider.name } : {}),
  });
  return booking.status === 'failed'
    ? { method, status: 'failed', ref: booking.refundId, failureReason: booking.failureReason ?? 'failed' }
    : { method, status: 'executed', ref: booking.refundId, failureReason: null };
}
