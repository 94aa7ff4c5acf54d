import type { UseCaseDeps } from '../../../platform/deps';
import { findCaseOrThrow } from '../../cases';
import {
  listRefundEvidence,
  listRefundRequestEvents,
  listRequestExecutions,
  listCaseRefundRequests as listRows,
} from '../refunds.repository';
import { type RefundRequestResponse, toRefundRequestResponse } from '../refunds.schemas';

/** The case's refund requests, oldest first, each with its evaluation, history, executions and evidence. */
export async function listCaseRefundRequests(
  deps: UseCaseDeps,
  input: { caseId: string },
): Promise<RefundRequestResponse[]> {
  await findCaseOrThrow(deps.db, input.caseId, 'params.id');
  const rows = await listRows(deps.db, input.caseId);
  const evidence = await listRefundEvidence(
    deps.db,
    rows.map((r) => r.id),
  );
  return Promise.all(
    rows.map(async (row) => {
      const [events, executions] = await Promise.all([
        listRefundRequestEvents(deps.db, row.id),
        listRequestExecutions(deps.db, row.id),
      ]);
      return toRefundRequestResponse(
        row,
        events,
        executions,
        evidence.filter((e) => e.request_id === row.id),
      );
    }),
  );
}
