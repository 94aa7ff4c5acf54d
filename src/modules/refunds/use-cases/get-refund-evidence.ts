import type { UseCaseDeps } from '../../../platform/deps';
import { notFound } from '../../../platform/errors';
import { RefundErrors } from '../refunds.errors';
import { findRefundEvidence, findRefundRequestOrThrow } from '../refunds.repository';
import type { EvidenceContentType } from '../refunds.table';

export interface EvidenceFile {
  id: string;
  fileName: string;
  contentType: EvidenceContentType;
  sha256: string;
  content: Buffer;
}

/** One evidence file of a request with its bytes, for staff to open or download. */
export async function getRefundEvidence(
  deps: UseCaseDeps,
  input: { requestId: string; evidenceId: string },
): Promise<EvidenceFile> {
  await findRefundRequestOrThrow(deps.db, input.requestId);
  const row = await findRefundEvidence(deps.db, input.requestId, input.evidenceId);
  if (!row)
    throw notFound(RefundErrors.REFUND_EVIDENCE_NOT_FOUND, 'Evidence', input.evidenceId, 'params.evidenceId');
  return {
    id: row.id,
    fileName: row.file_name,
    contentType: row.content_type,
    sha256: row.sha256,
    // node-postgres answers a Buffer, PGlite a Uint8Array
    content: Buffer.from(row.content.buffer, row.content.byteOffset, row.content.byteLength),
  };
}
