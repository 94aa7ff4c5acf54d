import type { UseCaseDeps } from '../../../platform/deps';
import { findRefundRequestOrThrow, listRefundEvidence, listRefundRequestEvents } from '../refunds.repository';
import { type RefundRequestResponse, toRefundRequestResponse } from '../refunds.schemas';

/** One request with its evaluation, decision, execution, history and evidence. */
export async function getRefundRequest(
  deps: UseCaseDeps,
  input: { requestId: string },
): Promise<RefundRequestResponse> {
  const row = await findRefundRequestOrThrow(deps.db, input.requestId);
  return toRefundRequestResponse(
    row,
    await listRefundRequestEvents(deps.db, row.id),
    await listRefundEvidence(deps.db, [row.id]),
  );
}
