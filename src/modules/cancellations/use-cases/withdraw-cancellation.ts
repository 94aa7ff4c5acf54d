import type { UseCaseDeps } from '../../../platform/deps';
import { DomainError } from '../../../platform/errors';
import { CancellationErrors } from '../cancellations.errors';
import { lockCancellationOrThrow, updateCancellation } from '../cancellations.repository';
import { recordStep } from '../steps';

/** The customer changed their mind before the cancellation was processed: the request is withdrawn, nothing changes. */
export async function withdrawCancellation(
  deps: UseCaseDeps,
  input: { cancellationId: string },
): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    const row = await lockCancellationOrThrow(trx, input.cancellationId);
    if (row.status !== 'in_progress')
      throw new DomainError(
        CancellationErrors.CANCELLATION_CLOSED,
        `Cancellation ${row.id} is ${row.status}`,
        {
          field: 'params.id',
          cancellationStatus: row.status,
        },
      );
    await updateCancellation(trx, row.id, { status: 'withdrawn', closed_at: now, updated_at: now });
    await recordStep(trx, deps, now, {
      row,
      step: 'withdrawn',
      status: 'withdrawn',
      changes: { status: { from: 'in_progress', to: 'withdrawn' } },
    });
  });
}
