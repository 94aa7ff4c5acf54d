import type { UseCaseDeps } from '../../../platform/deps';
import { DomainError } from '../../../platform/errors';
import { findAccountOrThrow } from '../../accounts';
import { evaluate, getPolicyInForce } from '../../policy';
import { assertCaseVerified } from '../../verification';
import { gatherFacts, loadPaymentContext } from '../gather-facts';
import { moveRequest } from '../refund-history';
import { RefundErrors } from '../refunds.errors';
import { lockRefundRequestOrThrow } from '../refunds.repository';
import type { ResubmitRefundRequestInput } from '../refunds.schemas';

/**
 * Answers a request that was sent back for more information: what the agent adds (the customer's
 * words, another reason, another amount) is recorded, the facts are gathered and evaluated again
 * against the policy in force, and the request goes back to the exceptions queue.
 */
export async function resubmitRefundRequest(
  deps: UseCaseDeps,
  input: { requestId: string; body: ResubmitRefundRequestInput },
): Promise<void> {
  const { body } = input;
  await deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    // 1. load
    const row = await lockRefundRequestOrThrow(trx, input.requestId);
    // 2. guard
    if (row.status !== 'needs_info')
      throw new DomainError(
        RefundErrors.REFUND_STATUS_CONFLICT,
        `Only a request sent back for more information is resubmitted; this one is ${row.status}`,
        { field: 'params.id', requestStatus: row.status },
      );
    const caller = await assertCaseVerified(trx, deps.clock, { caseId: row.case_id, action: 'refund' });
    const policy = await getPolicyInForce({ ...deps, db: trx });
    const reasonCode = body.reasonCode ?? row.reason_code;
    if (!Object.hasOwn(policy.document.reasons, reasonCode))
      throw new DomainError(
        RefundErrors.REFUND_REASON_UNKNOWN,
        `The policy in force knows no reason ${reasonCode}`,
        {
          field: 'body.reasonCode',
        },
      );
    const context = (await loadPaymentContext(trx, row.payment_id, now))!;
    const requestedMinor = body.requestedMinor ?? row.requested_minor;
    if (requestedMinor > context.payment.remainder.amountMinor)
      throw new DomainError(
        RefundErrors.REFUND_AMOUNT_ABOVE_REMAINDER,
        `${requestedMinor} is more than what is left of the payment (${context.payment.remainder.amountMinor})`,
        { field: 'body.requestedMinor', remainderMinor: context.payment.remainder.amountMinor },
      );
    const account = await findAccountOrThrow(trx, row.account_id, 'params.id');
    const facts = await gatherFacts(
      trx,
      {
        context,
        reasonCode,
        customerSince: account.signup_at,
        verification: caller.subjectType === 'override' ? 'override' : 'verified',
        requestedMinor,
        excludeRequestId: row.id,
      },
      now,
    );
    const evaluation = evaluate(facts, policy.document, now);
    // 3. change, 4. audit
    await moveRequest(trx, deps, now, row, {
      to: 'pending_approval',
      action: 'resubmitted',
      note: body.note,
      set: {
        reason_code: reasonCode,
        customer_words: body.customerWords ?? row.customer_words,
        requested_minor: requestedMinor,
        policy_version: policy.version,
        facts: JSON.stringify(facts),
        evaluation: JSON.stringify(evaluation),
        evaluated_at: now,
      },
      changes: {
        reasonCode,
        requestedMinor,
        policyVersion: policy.version,
        recommendation: evaluation.decision,
      },
    });
  });
}
