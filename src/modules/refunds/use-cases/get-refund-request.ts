import type { UseCaseDeps } from '../../../platform/deps';
import {
  findRefundRequestOrThrow,
  listRefundRequestEvents,
  listRequestExecutions,
} from '../refunds.repository';
import { type RefundRequestResponse, toRefundRequestResponse } from '../refunds.schemas';

/** One request with its evaluation, decision, execution and history. */
export async function getRefundRequest(
  deps: UseCaseDeps,
  input: { requestId: string },
): Promise<RefundRequestResponse> {
  const row = await findRefundRequestOrThrow(deps.db, input.requestId);
  const [events, executions] = await Promise.all([
    listRefundRequestEvents(deps.db, row.id),
    listRequestExecutions(deps.db, row.id),
  ]);
  return toRefundRequestResponse(row, events, executions);
}
