import type { UseCaseDeps } from '../../../platform/deps';
import { findCancellationOrThrow } from '../cancellations.repository';
import type { Effective } from '../cancellations.table';
import { planCancellation } from '../plan';
import { planInputOf, toPlanResponse } from '../view';

/** Exactly what processing with this option will do (dates, refund, status after), changing nothing. */
export async function previewCancellation(
  deps: UseCaseDeps,
  input: { cancellationId: string; effective: Effective },
) {
  const row = await findCancellationOrThrow(deps.db, input.cancellationId);
  return toPlanResponse(await planCancellation(deps.db, deps, planInputOf(row, input.effective)));
}
