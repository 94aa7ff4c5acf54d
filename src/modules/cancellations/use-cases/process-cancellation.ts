import type { UseCaseDeps } from '../../../platform/deps';
import { DomainError } from '../../../platform/errors';
import { ROLES, type Role } from '../../../platform/roles';
import { cancelSubscriptionNow, refundPayment, scheduleSubscriptionCancellation } from '../../billing';
import { assertCaseVerified } from '../../verification';
import { CancellationErrors } from '../cancellations.errors';
import {
  type CancellationRow,
  lockCancellationOrThrow,
  updateCancellation,
} from '../cancellations.repository';
import type { Effective } from '../cancellations.table';
import { type CancellationPlan, cancellationRefundKey, planCancellation } from '../plan';
import { assertStep, recordStep } from '../steps';
import { planInputOf } from '../view';

export interface ProcessCancellationInput {
  cancellationId: string;
  effective: Effective;
  /** The refund the agent saw in the preview; refused when the plan gives another now. */
  refund?: { amountMinor: number; currency: string };
}

/**
 * Processes a cancellation (step 6) in one transaction, exactly once: at period end the
 * subscription becomes pending_cancellation and the end-of-term job is scheduled for the date;
 * immediately it is cancelled today and the refund the policy gives is booked through billing
 * under the cancellation's key. A repeat with the same option answers the first processing (the
 * request's row lock serialises them); another option is refused.
 */
export async function processCancellation(
  deps: UseCaseDeps,
  input: ProcessCancellationInput,
): Promise<{ replayed: boolean }> {
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    // 1. load
    const row = await lockCancellationOrThrow(trx, input.cancellationId);
    if (row.processed_at) {
      if (row.effective === input.effective) return { replayed: true };
      throw new DomainError(
        CancellationErrors.CANCELLATION_ALREADY_PROCESSED,
        `Cancellation ${row.id} was processed already (${row.effective})`,
        { field: 'body.effective', effective: row.effective },
      );
    }
    // 2. guard
    assertStep(row, 'process');
    if (row.explained_effective !== input.effective)
      throw new DomainError(
        CancellationErrors.CANCELLATION_STEP_OUT_OF_ORDER,
        `The customer was told about ${row.explained_effective}: explain ${input.effective} first`,
        { field: 'body.effective', step: 'explain', explained: row.explained_effective },
      );
    const caller = await assertCaseVerified(trx, deps.clock, { caseId: row.case_id, action: 'cancel' });
    const plan = await planCancellation(trx, deps, {
      ...planInputOf(row, input.effective),
      verification: caller.subjectType === 'override' ? 'override' : 'verified',
    });
    assertRefundAsPreviewed(plan, input.refund);
    const needed = plan.refundOption.roleNeeded;
    if (ROLES.indexOf(deps.actor.role as Role) < ROLES.indexOf(needed))
      throw new DomainError(
        CancellationErrors.CANCELLATION_REFUND_OVER_APPROVAL_LIMIT,
        `A refund of ${plan.refund.amountMinor} ${plan.refund.currency} is processed by a ${needed}`,
        { field: 'body.effective', roleNeeded: needed },
      );
    // 3. change
    const change = await cancelInBilling(trx, deps, row, plan);
    await updateCancellation(trx, row.id, {
      status: input.effective === 'immediate' ? 'cancelled' : 'scheduled',
      processed_at: now,
      processed_by: deps.actor.id,
      effective: input.effective,
      effective_on: plan.effectiveOn,
      last_billing_on: plan.lastBillingOn,
      refund_minor: plan.refund.amountMinor,
      currency: plan.refund.currency,
      refund_basis: plan.refundOption.basis,
      refund_payment_id: plan.refundOption.paymentId,
      refund_ref: change.refundRef,
      refund_status: change.refundStatus,
      policy_version: plan.refundOption.policyVersion,
      end_job_id: change.jobId,
      updated_at: now,
    });
    // 4. audit
    await recordStep(trx, deps, now, {
      row,
      step: 'processed',
      status: input.effective === 'immediate' ? 'cancelled' : 'scheduled',
      changes: {
        effective: input.effective,
        effectiveOn: plan.effectiveOn,
        refundMinor: plan.refund.amountMinor,
        currency: plan.refund.currency,
        refundBasis: plan.refundOption.basis,
        refundRef: change.refundRef,
      },
    });
    return { replayed: false };
  });
}

function assertRefundAsPreviewed(plan: CancellationPlan, refund: ProcessCancellationInput['refund']) {
  if (refund && (refund.amountMinor !== plan.refund.amountMinor || refund.currency !== plan.refund.currency))
    throw new DomainError(
      CancellationErrors.CANCELLATION_REFUND_MISMATCH,
      `The refund is ${plan.refund.amountMinor} ${plan.refund.currency} now, not ${refund.amountMinor} ${refund.currency}`,
      { field: 'body.refund.amountMinor', refund: plan.refund },
    );
}

/** The subscription's change and the refund's booking, in the processing's transaction. */
async function cancelInBilling(
  trx: Parameters<typeof refundPayment>[0],
  deps: UseCaseDeps,
  row: CancellationRow,
  plan: CancellationPlan,
) {
  let jobId: string | null = null;
  if (plan.effective === 'period_end')
    ({ jobId } = await scheduleSubscriptionCancellation(trx, deps, {
      subscriptionId: row.subscription_id,
      effectiveOn: plan.effectiveOn,
      caseId: row.case_id,
      field: 'params.id',
    }));
  else
    await cancelSubscriptionNow(trx, deps, {
      subscriptionId: row.subscription_id,
      caseId: row.case_id,
      field: 'params.id',
    });
  const paymentId = plan.refundOption.paymentId;
  if (!paymentId || plan.refund.amountMinor <= 0) return { jobId, refundRef: null, refundStatus: null };
  const booking = await refundPayment(trx, deps, {
    paymentId,
    amount: plan.refund,
    idempotencyKey: cancellationRefundKey(row.id),
    reason: `Cancellation ${row.reference} (${plan.refundOption.basis})`,
    caseId: row.case_id,
  });
  return { jobId, refundRef: booking.refundId, refundStatus: booking.status };
}
