import type { UseCaseDeps } from '../../../platform/deps';
import { cancellationView } from '../view';

/** One cancellation with its steps, outcome and history. */
export async function getCancellation(deps: UseCaseDeps, input: { cancellationId: string }) {
  return cancellationView(deps.db, input.cancellationId);
}
