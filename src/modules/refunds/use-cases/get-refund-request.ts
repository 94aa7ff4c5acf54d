import type { UseCaseDeps } from '../../../platform/deps';
import {
  findRefundRequestOrThrow,
  listRefundEvidence,
  listRefundRequestEvents,
  listRequestExecutions,
} from '../refunds.repository';
import { type RefundRequestResponse, toRefundRequestResponse } from '../refunds.schemas';

/** One request with its evaluation, decision, executions, history and evidence. */
export async function getRefundRequest(
  deps: UseCaseDeps,
  input: { requestId: string },
): Promise<RefundRequestResponse> {
  const row = await findRefundRequestOrThrow(deps.db, input.requestId);
  const [events, executions, evidence] = await Promise.all([
    listRefundRequestEvents(deps.db, row.id),
    listRequestExecutions(deps.db, row.id),
    listRefundEvidence(deps.db, [row.id]),
  ]);
  return toRefundRequestResponse(row, events, executions, evidence);
}
