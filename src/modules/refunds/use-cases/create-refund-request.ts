import { createHash } from 'node:crypto';
import type { UseCaseDeps } from '../../../platform/deps';
import { DomainError } from '../../../platform/errors';
import { newId } from '../../../platform/ids';
import { compareMoney, type Money, money } from '../../../platform/money';
import { findAccountOrThrow } from '../../accounts';
import { BillingErrors, type PaymentRefundContext } from '../../billing';
import { lockCaseOrThrow } from '../../cases';
import { evaluate, getPolicyInForce, type PolicyDocument } from '../../policy';
import { assertCaseVerified } from '../../verification';
import { gatherFacts, loadPaymentContext } from '../gather-facts';
import { recordNewRequest } from '../refund-history';
import { RefundErrors } from '../refunds.errors';
import { findRefundRequestByKey, serializeIntakeKey } from '../refunds.repository';
import type { CreateRefundRequestBody } from '../refunds.schemas';
import type { RefundRequestStatus } from '../refunds.table';

export interface CreateRefundRequestInput {
  caseId: string;
  body: CreateRefundRequestBody;
  idempotencyKey?: string;
}

/**
 * Records a refund request on a verified case and evaluates it: the facts are gathered from
 * billing, the account and earlier requests, evaluated against the policy in force, and stored
 * with the evaluation and the version. An escalation goes straight to the exceptions queue
 * (pending_approval); otherwise the request waits for the agent's decision (evaluated). The same
 * Idempotency-Key (per staff member) answers the request it recorded first.
 */
export async function createRefundRequest(
  deps: UseCaseDeps,
  input: CreateRefundRequestInput,
): Promise<{ id: string; created: boolean }> {
  const actorId = deps.actor.id!;
  const fingerprint = fingerprintOf(input);
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    // 1. load (a replay answers the first request)
    if (input.idempotencyKey) {
      await serializeIntakeKey(trx, actorId, input.idempotencyKey);
      const earlier = await findRefundRequestByKey(trx, actorId, input.idempotencyKey);
      if (earlier) {
        if (earlier.request_fingerprint !== fingerprint)
          throw new DomainError(
            BillingErrors.IDEMPOTENCY_KEY_REUSED,
            'This Idempotency-Key was used for another refund request',
            { field: 'headers.idempotency-key' },
          );
        return { id: earlier.id, created: false };
      }
    }
    const kase = await lockCaseOrThrow(trx, input.caseId, 'params.id');
    // 2. guard
    const caller = await assertCaseVerified(trx, deps.clock, { caseId: kase.id, action: 'refund' });
    const policy = await getPolicyInForce({ ...deps, db: trx });
    const context = await loadPaymentContext(trx, input.body.paymentId, now);
    const requested = assertRequestFits(context, kase.account_id, input.body, policy.document);
    const account = await findAccountOrThrow(trx, kase.account_id, 'params.id');
    const facts = await gatherFacts(
      trx,
      {
        context: context!,
        reasonCode: input.body.reasonCode,
        customerSince: account.signup_at,
        verification: caller.subjectType === 'override' ? 'override' : 'verified',
        requestedMinor: requested.amountMinor,
      },
      now,
    );
    const evaluation = evaluate(facts, policy.document, now);
    // 3. change
    const id = newId('rfr', now);
    const status: RefundRequestStatus = evaluation.decision === 'escalate' ? 'pending_approval' : 'evaluated';
    const row = {
      id,
      case_id: kase.id,
      account_id: kase.account_id,
      payment_id: context!.payment.id,
      order_id: context!.payment.orderId,
      reason_code: input.body.reasonCode,
      customer_words: input.body.customerWords,
      mood: input.body.mood,
      requested_minor: requested.amountMinor,
      currency: requested.currency,
      status,
      status_since: now,
      policy_version: policy.version,
      facts: JSON.stringify(facts),
      evaluation: JSON.stringify(evaluation),
      evaluated_at: now,
      alternative: null,
      idempotency_key: input.idempotencyKey ?? null,
      request_fingerprint: input.idempotencyKey ? fingerprint : null,
      created_by: actorId,
      created_at: now,
      updated_at: now,
    };
    // 4. audit: the request is stored with its history and the audit event, in one statement
    await recordNewRequest(trx, deps, now, row, {
      action: 'created',
      path: [
        { from: null, to: 'evaluated', action: 'evaluated' },
        ...(status === 'pending_approval'
          ? [{ from: 'evaluated' as const, to: 'pending_approval' as const, action: 'escalated' }]
          : []),
      ],
      changes: {
        paymentId: context!.payment.id,
        reasonCode: input.body.reasonCode,
        requestedMinor: requested.amountMinor,
        currency: requested.currency,
        policyVersion: policy.version,
        basis: evaluation.basis,
        recommendation: evaluation.decision,
        recommendedMinor: evaluation.recommended.amountMinor,
      },
    });
    return { id, created: true };
  });
}

/** The payment is the case account's, the reason the policy's, the amount fits what is left. */
function assertRequestFits(
  context: PaymentRefundContext | null,
  accountId: string,
  body: CreateRefundRequestBody,
  policy: PolicyDocument,
): Money {
  if (!context || context.payment.accountId !== accountId)
    throw new DomainError(
      RefundErrors.REFUND_PAYMENT_NOT_ON_ACCOUNT,
      `Payment ${body.paymentId} is not a payment of this case's account`,
      { field: 'body.paymentId' },
    );
  const { payment } = context;
  if (body.orderId !== undefined && body.orderId !== payment.orderId)
    throw new DomainError(
      RefundErrors.REFUND_ORDER_MISMATCH,
      `Payment ${payment.id} did not pay for order ${body.orderId}`,
      {
        field: 'body.orderId',
      },
    );
  if (payment.status !== 'succeeded')
    throw new DomainError(
      BillingErrors.PAYMENT_NOT_REFUNDABLE,
      `Payment ${payment.id} is ${payment.status}`,
      {
        field: 'body.paymentId',
        paymentStatus: payment.status,
      },
    );
  if (!Object.hasOwn(policy.reasons, body.reasonCode))
    throw new DomainError(
      RefundErrors.REFUND_REASON_UNKNOWN,
      `The policy in force knows no reason ${body.reasonCode}`,
      {
        field: 'body.reasonCode',
        known: Object.keys(policy.reasons),
      },
    );
  if (body.currency !== payment.paid.currency || payment.paid.currency !== policy.currency)
    throw new DomainError(
      RefundErrors.REFUND_CURRENCY_MISMATCH,
      `The payment is in ${payment.paid.currency}, the policy in ${policy.currency}`,
      { field: 'body.currency', currency: payment.paid.currency },
    );
  const requested = money(body.requestedMinor, body.currency);
  if (compareMoney(requested, payment.remainder) > 0)
    throw new DomainError(
      RefundErrors.REFUND_AMOUNT_ABOVE_REMAINDER,
      `${body.requestedMinor} is more than what is left of payment ${payment.id} (${payment.remainder.amountMinor})`,
      { field: 'body.requestedMinor', remainderMinor: payment.remainder.amountMinor },
    );
  return requested;
}

function fingerprintOf(input: CreateRefundRequestInput): string {
  return createHash('sha256')
    .update(JSON.stringify([input.caseId, input.body]))
    .digest('hex');
}
