import type { UseCaseDeps } from '../../../platform/deps';
import { lockCancellationOrThrow, updateCancellation } from '../cancellations.repository';
import type { Effective } from '../cancellations.table';
import { planCancellation } from '../plan';
import { assertStep, recordStep } from '../steps';
import { planInputOf, toPlanResponse } from '../view';

/**
 * Records that the agent explained the process (step 4) for one option, and answers the script
 * read to the customer in their language: the effective date, the last billing date, the refund
 * or what is still owed, and what the customer still has to do. Explaining the other option
 * again is allowed until the offers step is done; processing must use the option explained.
 */
export async function explainCancellation(
  deps: UseCaseDeps,
  input: { cancellationId: string; effective: Effective },
) {
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    const row = await lockCancellationOrThrow(trx, input.cancellationId);
    assertStep(row, 'explain');
    const plan = await planCancellation(trx, deps, planInputOf(row, input.effective));
    await updateCancellation(trx, row.id, {
      explained_at: now,
      explained_effective: input.effective,
      updated_at: now,
    });
    await recordStep(trx, deps, now, {
      row,
      step: 'explained',
      status: row.status,
      changes: {
        effective: input.effective,
        effectiveOn: plan.effectiveOn,
        refundMinor: plan.refund.amountMinor,
        language: plan.language,
      },
    });
    return toPlanResponse(plan);
  });
}
