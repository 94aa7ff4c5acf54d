import type { Trx, UseCaseDeps } from '../../../platform/deps';
import { moneyFromColumn } from '../../../platform/money';
import { reopenCase } from '../../cases';
import { evaluationResult, getPolicyVersion } from '../../policy';
import { communicateDecision } from '../communicate-decision';
import type { DecisionOutcome } from '../customer-wording';
import {
  approvedAmount,
  assertBodyComplete,
  assertDecidable,
  assertMayDecideHere,
  assertWithinLimit,
  roleForApproval,
} from '../decision-rules';
import { executeRefund } from '../execute-refund';
import { assertGoodwillLeft } from '../goodwill-lock';
import { moveRequest } from '../refund-history';
import { lockRefundRequestOrThrow, type RefundRequestRow } from '../refunds.repository';
import type { DecideRefundRequestBody } from '../refunds.schemas';

export interface DecideRefundRequestInput {
  requestId: string;
  body: DecideRefundRequestBody;
}

/**
 * Decides a refund request under its row lock, so two deciders never both win: approve (in full
 * or in part, booked at once through billing or as store credit), deny with an alternative, or
 * send it back for more information. Who may decide follows decision-rules.ts; a refund the
 * provider refuses leaves the request failed and reopens the case.
 */
export async function decideRefundRequest(
  deps: UseCaseDeps,
  input: DecideRefundRequestInput,
): Promise<{ script: string[] }> {
  const { body } = input;
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    // 1. load
    const row = await lockRefundRequestOrThrow(trx, input.requestId);
    const evaluation = evaluationResult.parse(row.evaluation);
    // 2. guard
    assertDecidable(row, body);
    assertBodyComplete(body);
    if (row.status !== 'failed') assertMayDecideHere(row, evaluation, deps.actor, body);
    if (body.action === 'deny' || body.action === 'send_back')
      return settleWithoutMoney(trx, deps, now, row, body);
    const amount = approvedAmount(row, evaluation, body);
    const { document } = await getPolicyVersion({ ...deps, db: trx }, { version: row.policy_version });
    if (row.status !== 'failed')
      assertWithinLimit(deps.actor, roleForApproval(row, evaluation, document, amount), amount);
    // the customer's goodwill limits, counted again under the account's goodwill lock
    await assertGoodwillLeft(trx, { row, evaluation, policy: document, amount, now });
    // 3. change: the decision and the money in one transaction
    const execution = await executeRefund(trx, deps, row, amount, body.method);
    const decided = row.status === 'failed' ? {} : decisionColumns(deps, now, body, amount.amountMinor);
    const reopenedFrom = execution.status === 'failed' ? await reopenCase(trx, row.case_id, now) : null;
    // 4. audit, with the status change
    await moveRequest(trx, deps, now, row, {
      to: execution.status,
      action: row.status === 'failed' ? 'store_credit_fallback' : 'approved',
      path: [
        ...(row.status === 'failed' ? [] : [{ from: row.status, to: 'approved' as const }]),
        {
          from: row.status === 'failed' ? 'failed' : 'approved',
          to: execution.status,
          action: execution.status,
        },
      ],
      set: {
        ...decided,
        execution_method: execution.method,
        execution_ref: execution.ref,
        failure_reason: execution.failureReason,
      },
      note: body.note,
      changes: {
        amountMinor: amount.amountMinor,
        currency: amount.currency,
        method: execution.method,
        executionRef: execution.ref,
        ...(execution.failureReason ? { failureReason: execution.failureReason } : {}),
        ...(reopenedFrom && reopenedFrom !== 'open' ? { caseReopenedFrom: reopenedFrom } : {}),
        basis: evaluation.basis,
      },
    });
    // 5. outbox: the customer hears of it if and only if the decision commits
    const outcome: DecisionOutcome =
      execution.status === 'failed'
        ? { kind: 'failed', amount }
        : { kind: 'approved', amount, method: execution.method };
    return { script: await communicateDecision(trx, deps, row, outcome) };
  });
}

function decisionColumns(
  deps: UseCaseDeps,
  now: Date,
  body: DecideRefundRequestBody,
  decidedMinor: number | null,
) {
  return {
    decided_minor: decidedMinor,
    decided_by: deps.actor.id,
    decided_at: now,
    decision_note: body.note,
  };
}

/** A denial (with its alternative) or a request sent back for more information. */
async function settleWithoutMoney(
  trx: Trx,
  deps: UseCaseDeps,
  now: Date,
  row: RefundRequestRow,
  body: DecideRefundRequestBody,
) {
  const to = body.action === 'deny' ? 'denied' : 'needs_info';
  const evaluation = evaluationResult.parse(row.evaluation);
  await moveRequest(trx, deps, now, row, {
    to,
    action: to === 'denied' ? 'denied' : 'sent_back',
    note: body.note,
    set: {
      ...(to === 'denied' ? decisionColumns(deps, now, body, null) : {}),
      alternative: to === 'denied' ? JSON.stringify(body.alternative) : null,
    },
    changes: to === 'denied' ? { alternative: body.alternative } : {},
  });
  const outcome: DecisionOutcome =
    to === 'denied'
      ? {
          kind: 'denied',
          requested: moneyFromColumn(row.requested_minor, row.currency),
          evaluation,
          alternative: body.alternative!,
        }
      : { kind: 'sent_back' };
  return { script: await communicateDecision(trx, deps, row, outcome) };
}
