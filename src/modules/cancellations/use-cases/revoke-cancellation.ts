import type { UseCaseDeps } from '../../../platform/deps';
import { DomainError } from '../../../platform/errors';
import { revokeSubscriptionCancellation } from '../../billing';
import { assertCaseVerified } from '../../verification';
import { CancellationErrors } from '../cancellations.errors';
import { lockCancellationOrThrow, updateCancellation } from '../cancellations.repository';
import { todayOf } from '../rules';
import { recordStep } from '../steps';

/**
 * Takes back a cancellation at period end before its effective date (the caller verified with
 * the cancel scope): the subscription is active again and renews as before; the request is revoked.
 */
export async function revokeCancellation(
  deps: UseCaseDeps,
  input: { cancellationId: string },
): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    const row = await lockCancellationOrThrow(trx, input.cancellationId);
    const today = todayOf(now, deps.config.timeZone);
    if (
      row.status !== 'scheduled' ||
      row.effective !== 'period_end' ||
      !row.effective_on ||
      row.effective_on <= today
    )
      throw new DomainError(
        CancellationErrors.CANCELLATION_NOT_REVOCABLE,
        `Cancellation ${row.id} is ${row.status}${row.effective_on ? `, effective ${row.effective_on}` : ''}: it cannot be revoked`,
        { field: 'params.id', cancellationStatus: row.status, effectiveOn: row.effective_on },
      );
    await assertCaseVerified(trx, deps.clock, { caseId: row.case_id, action: 'cancel' });
    await revokeSubscriptionCancellation(trx, deps, {
      subscriptionId: row.subscription_id,
      caseId: row.case_id,
      field: 'params.id',
    });
    await updateCancellation(trx, row.id, { status: 'revoked', closed_at: now, updated_at: now });
    await recordStep(trx, deps, now, {
      row,
      step: 'revoked',
      status: 'revoked',
      changes: { status: { from: 'scheduled', to: 'revoked' }, effectiveOn: row.effective_on },
    });
  });
}
