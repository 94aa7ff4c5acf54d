import type { Trx, UseCaseDeps } from '../../../platform/deps';
import { DomainError, notFound } from '../../../platform/errors';
import { money } from '../../../platform/money';
import { reopenCase } from '../../cases';
import { notifyCustomer } from '../communicate-decision';
import type { DecisionOutcome } from '../customer-wording';
import { type Execution, MAX_EXECUTION_ATTEMPTS, moveMoney } from '../execute-refund';
import { moveRequest } from '../refund-history';
import { RefundErrors } from '../refunds.errors';
import {
  countExecutionAttempt,
  lockRefundExecution,
  lockRefundRequestOrThrow,
  type RefundExecutionRow,
  type RefundRequestRow,
  updateRefundExecution,
} from '../refunds.repository';

export type ExecutionRun = { executionId: string; status: 'pending' | 'succeeded' | 'failed'; ran: boolean };

/**
 * Executes one pending refund execution (the worker's job, also run right after a decision
 * commits): under the execution's row lock, so two workers never both pay, the money moves
 * through billing with the execution's idempotency key and the outcome commits with it: the
 * request executed (the customer is told) or failed (the case reopens, the customer is told, the
 * agent picks store credit or a bank transfer). An execution that finished answers as it stands.
 *
 * A provider that cannot be reached (it throws) rolls the attempt back; the attempt is counted and
 * the error rethrown, so the job retries with the same key, which is what makes a crash between the
 * provider's answer and our commit harmless. Billing's refusals (the remainder was used up
 * meanwhile) and the last allowed attempt fail the execution with the reason.
 */
export async function runRefundExecution(
  deps: UseCaseDeps,
  input: { executionId: string },
): Promise<ExecutionRun> {
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const locked = await lockPending(trx, input.executionId);
      if (!locked.pending) return locked.answer;
      const { execution } = locked;
      const row = await lockRefundRequestOrThrow(trx, execution.request_id, 'data.executionId');
      const result = await moveMoney(trx, deps, row, execution);
      return settle(trx, deps, { execution, row, result, attempts: execution.attempts + 1 });
    });
  } catch (error) {
    return giveUpOrRetry(deps, input.executionId, error);
  }
}

async function lockPending(trx: Trx, executionId: string) {
  const execution = await lockRefundExecution(trx, executionId);
  if (!execution)
    throw notFound(
      RefundErrors.REFUND_EXECUTION_NOT_FOUND,
      'Refund execution',
      executionId,
      'data.executionId',
    );
  if (execution.status !== 'pending')
    return {
      pending: false as const,
      answer: { executionId, status: execution.status, ran: false } satisfies ExecutionRun,
    };
  return { pending: true as const, execution };
}

/** The outcome commits with the money: execution, request, case, audit and the customer's message. */
async function settle(
  trx: Trx,
  deps: UseCaseDeps,
  input: { execution: RefundExecutionRow; row: RefundRequestRow; result: Execution; attempts: number },
): Promise<ExecutionRun> {
  const { execution, row, result } = input;
  const now = deps.clock.now();
  const failed = result.status === 'failed';
  await updateRefundExecution(trx, execution.id, {
    status: failed ? 'failed' : 'succeeded',
    attempts: input.attempts,
    result_ref: result.ref,
    failure_reason: result.failureReason,
    updated_at: now,
    finished_at: now,
  });
  const reopenedFrom = failed ? await reopenCase(trx, row.case_id, now) : null;
  const amount = money(Number(execution.amount_minor), execution.currency);
  await moveRequest(trx, deps, now, row, {
    to: result.status,
    action: failed ? 'failed' : 'executed',
    set: { execution_method: result.method, execution_ref: result.ref, failure_reason: result.failureReason },
    changes: {
      executionId: execution.id,
      amountMinor: amount.amountMinor,
      currency: amount.currency,
      method: result.method,
      executionRef: result.ref,
      idempotencyKey: execution.idempotency_key,
      ...(result.failureReason ? { failureReason: result.failureReason } : {}),
      ...(reopenedFrom && reopenedFrom !== 'open' ? { caseReopenedFrom: reopenedFrom } : {}),
    },
  });
  const outcome: DecisionOutcome = failed
    ? { kind: 'failed', amount }
    : { kind: 'approved', amount, method: result.method };
  await notifyCustomer(trx, deps, row, outcome);
  return { executionId: execution.id, status: failed ? 'failed' : 'succeeded', ran: true };
}

/** A refusal by billing, or the last attempt: the execution fails with the reason. Else retry. */
async function giveUpOrRetry(deps: UseCaseDeps, executionId: string, error: unknown): Promise<ExecutionRun> {
  if (error instanceof DomainError && error.code === RefundErrors.REFUND_EXECUTION_NOT_FOUND) throw error;
  const message = error instanceof Error ? error.message : String(error);
  const permanent = error instanceof DomainError;
  const counted = await countExecutionAttempt(deps.db, executionId, message.slice(0, 500), deps.clock.now());
  if (!counted) return { executionId, status: 'pending', ran: false }; // finished meanwhile
  if (!permanent && counted.attempts < MAX_EXECUTION_ATTEMPTS) throw error;
  const reason = permanent
    ? message
    : `The payment provider could not be reached (${counted.attempts} attempts): ${message}`;
  return deps.db.transaction().execute(async (trx) => {
    const locked = await lockPending(trx, executionId);
    if (!locked.pending) return locked.answer;
    const row = await lockRefundRequestOrThrow(trx, locked.execution.request_id, 'data.executionId');
    const result: Execution = {
      method: locked.execution.method,
      status: 'failed',
      ref: null,
      failureReason: reason.slice(0, 500),
    };
    return settle(trx, deps, {
      execution: locked.execution,
      row,
      result,
      attempts: locked.execution.attempts,
    });
  });
}
