import { createHash } from 'node:crypto';
import type { Trx, UseCaseDeps } from '../../../platform/deps';
import { DomainError } from '../../../platform/errors';
import { moneyFromColumn } from '../../../platform/money';
import { BillingErrors } from '../../billing';
import { evaluationResult, getPolicyVersion } from '../../policy';
import { communicateDecision, phoneScript } from '../communicate-decision';
import type { DecisionOutcome } from '../customer-wording';
import {
  approvedAmount,
  assertBodyComplete,
  assertDecidable,
  assertMayDecideHere,
  assertWithinLimit,
  roleForApproval,
} from '../decision-rules';
import { queueExecution } from '../execute-refund';
import { assertGoodwillLeft } from '../goodwill-lock';
import { type Move, moveRequest } from '../refund-history';
import {
  findDecisionKey,
  lockRefundRequestOrThrow,
  type RefundRequestRow,
  serializeDecisionKey,
} from '../refunds.repository';
import type { DecideRefundRequestBody } from '../refunds.schemas';
import type { ExecutionMethod } from '../refunds.table';
import { storedOutcome } from '../stored-outcome';

export interface DecideRefundRequestInput {
  requestId: string;
  body: DecideRefundRequestBody;
  idempotencyKey?: string;
}

type DecisionKey = Move['decisionKey'];

export interface DecisionResult {
  script: string[];
  /** The execution the approval committed (the worker pays it out), or null. */
  executionId: string | null;
  /** True when the Idempotency-Key had decided this before: nothing changed now. */
  replayed: boolean;
}

/**
 * Decides a refund request under its row lock, so two deciders never both win: approve (in full
 * or in part), deny with an alternative, or send it back for more information. Who may decide
 * follows decision-rules.ts. An approval commits with a pending execution (queueExecution): the
 * money moves in the worker (runRefundExecution), exactly once whatever is retried. After a failed
 * refund the same call picks the fallback: store credit or a bank transfer. The same
 * Idempotency-Key (per staff member) answers the first decision.
 */
export async function decideRefundRequest(
  deps: UseCaseDeps,
  input: DecideRefundRequestInput,
): Promise<DecisionResult> {
  const { body } = input;
  const fingerprint = fingerprintOf(input);
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    // 1. load (a replay answers the decision as it stands)
    const replay = await replayed(trx, deps, input, fingerprint);
    if (replay) return replay;
    const row = await lockRefundRequestOrThrow(trx, input.requestId);
    const evaluation = evaluationResult.parse(row.evaluation);
    // 2. guard
    assertDecidable(row, body);
    assertBodyComplete(body);
    if (row.status !== 'failed') assertMayDecideHere(row, evaluation, deps.actor, body);
    // the key is recorded with the decision's change, in its statement
    const decisionKey = input.idempotencyKey
      ? {
          actor_id: deps.actor.id!,
          idempotency_key: input.idempotencyKey,
          request_id: row.id,
          fingerprint,
          created_at: now,
        }
      : undefined;
    return body.action === 'deny' || body.action === 'send_back'
      ? await settleWithoutMoney(trx, deps, now, row, body, decisionKey)
      : await approve(trx, deps, now, row, body, decisionKey);
  });
}

async function replayed(
  trx: Trx,
  deps: UseCaseDeps,
  input: DecideRefundRequestInput,
  fingerprint: string,
): Promise<DecisionResult | null> {
  if (!input.idempotencyKey) return null;
  await serializeDecisionKey(trx, deps.actor.id!, input.idempotencyKey);
  const earlier = await findDecisionKey(trx, deps.actor.id!, input.idempotencyKey);
  if (!earlier) return null;
  if (earlier.fingerprint !== fingerprint)
    throw new DomainError(
      BillingErrors.IDEMPOTENCY_KEY_REUSED,
      'This Idempotency-Key was used for another decision',
      { field: 'headers.idempotency-key' },
    );
  const row = await lockRefundRequestOrThrow(trx, input.requestId);
  const outcome = storedOutcome(row);
  return {
    script: outcome.kind === 'open' ? [] : await phoneScript(trx, row, outcome),
    executionId: null,
    replayed: true,
  };
}

/** An approval (or the fallback after a failed refund): checked against the limits, then queued. */
async function approve(
  trx: Trx,
  deps: UseCaseDeps,
  now: Date,
  row: RefundRequestRow,
  body: DecideRefundRequestBody,
  decisionKey: DecisionKey | undefined,
): Promise<DecisionResult> {
  const evaluation = evaluationResult.parse(row.evaluation);
  const fallback = row.status === 'failed';
  const amount = approvedAmount(row, evaluation, body);
  const { document } = await getPolicyVersion({ ...deps, db: trx }, { version: row.policy_version });
  if (!fallback) assertWithinLimit(deps.actor, roleForApproval(row, evaluation, document, amount), amount);
  // the customer's goodwill limits, counted again under the account's goodwill lock
  await assertGoodwillLeft(trx, { row, evaluation, policy: document, amount, now });
  // 3. change: the decision and its pending execution commit together
  const executionId = await queueExecution(trx, deps, {
    row,
    amount,
    method: body.method,
    // where a transfer goes; the other methods pay back to what the customer paid with
    payout: body.method === 'bank_transfer' ? body.payout : undefined,
    now,
  });
  // 4. audit, with the status change
  await moveRequest(trx, deps, now, row, {
    to: 'approved',
    action: fallback ? FALLBACK_ACTIONS[body.method] : 'approved',
    set: {
      ...(fallback ? {} : decisionColumns(deps, now, body, amount.amountMinor)),
      execution_method: body.method,
      execution_ref: null,
      failure_reason: null,
    },
    note: body.note,
    changes: {
      amountMinor: amount.amountMinor,
      currency: amount.currency,
      method: body.method,
      executionId,
      basis: evaluation.basis,
    },
    decisionKey,
  });
  // 5. the customer hears of it when the money has moved (the worker); the agent can say it now
  const outcome: DecisionOutcome = { kind: 'approved', amount, method: body.method };
  return { script: await phoneScript(trx, row, outcome), executionId, replayed: false };
}

/** The history's word for a fallback after a failed refund, by the method chosen instead. */
const FALLBACK_ACTIONS: Record<ExecutionMethod, string> = {
  original_payment: 'approved',
  store_credit: 'store_credit_fallback',
  bank_transfer: 'bank_transfer_fallback',
};

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
  decisionKey: DecisionKey | undefined,
): Promise<DecisionResult> {
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
    decisionKey,
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
  return { script: await communicateDecision(trx, deps, row, outcome), executionId: null, replayed: false };
}

function fingerprintOf(input: DecideRefundRequestInput): string {
  return createHash('sha256')
    .update(JSON.stringify([input.requestId, input.body]))
    .digest('hex');
}
