import type { UseCaseDeps } from '../../../platform/deps';
import { findCaseOrThrow } from '../../cases';
import {
  listRefundEvidence,
  listRefundRequestEvents,
  listCaseRefundRequests as listRows,
} from '../refunds.repository';
import { type RefundRequestResponse, toRefundRequestResponse } from '../refunds.schemas';

/** The case's refund requests, oldest first, each with its evaluation, history and evidence. */
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
    rows.map(async (row) =>
      toRefundRequestResponse(
        row,
        await listRefundRequestEvents(deps.db, row.id),
        evidence.filter((e) => e.request_id === row.id),
      ),
    ),
  );
}
