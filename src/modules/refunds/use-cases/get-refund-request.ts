import type { UseCaseDeps } from '../../../platform/deps';
import { findRefundRequestViewOrThrow } from '../refunds.repository';
import { type RefundRequestResponse, toRefundRequestResponse } from '../refunds.schemas';

/** One request with its evaluation, decision, executions, history and evidence (one statement). */
export async function getRefundRequest(
  deps: UseCaseDeps,
  input: { requestId: string },
): Promise<RefundRequestResponse> {
  const view = await findRefundRequestViewOrThrow(deps.db, input.requestId);
  return toRefundRequestResponse(view.row, view.events, view.executions, view.evidence);
}
