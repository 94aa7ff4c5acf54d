import type { UseCaseDeps } from '../../../platform/deps';
import { findCaseOrThrow } from '../../cases';
import {
  listRefundRequestEvents,
  listRequestExecutions,
  listCaseRefundRequests as listRows,
} from '../refunds.repository';
import { type RefundRequestResponse, toRefundRequestResponse } from '../refunds.schemas';

/** The case's refund requests, oldest first, each with its evaluation and history. */
export async function listCaseRefundRequests(
  deps: UseCaseDeps,
  input: { caseId: string },
): Promise<RefundRequestResponse[]> {
  await findCaseOrThrow(deps.db, input.caseId, 'params.id');
  const rows = await listRows(deps.db, input.caseId);
  return Promise.all(
    rows.map(async (row) => {
      const [events, executions] = await Promise.all([
        listRefundRequestEvents(deps.db, row.id),
        listRequestExecutions(deps.db, row.id),
      ]);
      return toRefundRequestResponse(row, events, executions);
    }),
  );
}
