import type { UseCaseDeps } from '../../../platform/deps';
import { findCaseOrThrow } from '../../cases';
import { listCaseCancellations as listRows } from '../cancellations.repository';
import { cancellationViews } from '../view';

/** A case's cancellations, oldest first. */
export async function listCaseCancellations(deps: UseCaseDeps, input: { caseId: string }) {
  await findCaseOrThrow(deps.db, input.caseId, 'params.id');
  return cancellationViews(deps.db, await listRows(deps.db, input.caseId));
}
