import { createHash } from 'node:crypto';
import { writeAudit } from '../../../platform/audit';
import type { UseCaseDeps } from '../../../platform/deps';
import { DomainError } from '../../../platform/errors';
import { newId } from '../../../platform/ids';
import {
  DEFAULT_EVIDENCE_MAX_BYTES,
  DEFAULT_EVIDENCE_MAX_FILES,
  describeRefusedContent,
  detectEvidenceType,
  EVIDENCE_TYPES,
  evidenceTooLarge,
  sanitizeFileName,
} from '../evidence-content';
import { RefundErrors } from '../refunds.errors';
import {
  countRefundEvidence,
  findRefundRequestOrThrow,
  insertRefundEvidence,
  listRefundEvidence,
  serializeEvidenceUploads,
} from '../refunds.repository';
import { type EvidenceItem, toEvidenceItem } from '../refunds.schemas';
import type { RefundRequestStatus } from '../refunds.table';

export interface AddRefundEvidenceInput {
  requestId: string;
  /** The name the file came with (the client's word: only stored, never believed). */
  fileName?: string;
  bytes: Uint8Array;
}

/** A decided request's documentation is what it was decided on: nothing is added afterwards. */
const DECIDED: readonly RefundRequestStatus[] = ['approved', 'denied', 'executed'];

/**
 * Attaches a file to a refund request as evidence: its bytes must be an image (PNG, JPEG, WebP,
 * GIF) or a PDF by their content, within the size limit, and the request must have room under the
 * count limit, counted under the request's upload lock so parallel uploads cannot all slip in.
 * Stored with its sha256, size, detected type and the uploader, audited in the same transaction.
 */
export async function addRefundEvidence(
  deps: UseCaseDeps,
  input: AddRefundEvidenceInput,
): Promise<EvidenceItem> {
  const maxBytes = deps.config.evidenceMaxBytes ?? DEFAULT_EVIDENCE_MAX_BYTES;
  const maxFiles = deps.config.evidenceMaxFiles ?? DEFAULT_EVIDENCE_MAX_FILES;
  const bytes = input.bytes;
  // the content first: nothing about it needs the database
  if (bytes.length === 0)
    throw new DomainError(RefundErrors.REFUND_EVIDENCE_EMPTY, 'Send the file’s bytes as the request body', {
      field: 'body',
    });
  if (bytes.length > maxBytes) throw evidenceTooLarge(maxBytes);
  const contentType = detectEvidenceType(bytes);
  if (!contentType)
    throw new DomainError(
      RefundErrors.REFUND_EVIDENCE_TYPE_UNSUPPORTED,
      `The file is ${describeRefusedContent(bytes)}, not an image (PNG, JPEG, WebP, GIF) or a PDF`,
      { field: 'body', accepted: EVIDENCE_TYPES },
    );
  const fileName = sanitizeFileName(input.fileName);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    // 1. load
    const row = await findRefundRequestOrThrow(trx, input.requestId);
    // 2. guard: not on a decided request, and only as many files as the limit, counted under the lock
    if (DECIDED.includes(row.status))
      throw new DomainError(
        RefundErrors.REFUND_ALREADY_DECIDED,
        `Request ${row.id} is ${row.status}: its documentation is closed`,
        { field: 'params.id', requestStatus: row.status },
      );
    await serializeEvidenceUploads(trx, row.id);
    const count = await countRefundEvidence(trx, row.id);
    if (count >= maxFiles)
      throw new DomainError(
        RefundErrors.REFUND_EVIDENCE_LIMIT_REACHED,
        `Request ${row.id} has ${count} evidence files, the most it takes`,
        { field: 'params.id', limit: maxFiles },
      );
    // 3. change
    const id = newId('rev', now);
    await insertRefundEvidence(trx, {
      id,
      request_id: row.id,
      file_name: fileName,
      content_type: contentType,
      size_bytes: bytes.length,
      sha256,
      content: bytes,
      uploaded_by: deps.actor.id!,
      uploaded_at: now,
    });
    // 4. audit
    await writeAudit(trx, deps.actor, now, {
      action: 'refund_request.evidence_added',
      entityType: 'refund_request',
      entityId: row.id,
      accountId: row.account_id,
      caseId: row.case_id,
      changes: { evidenceId: id, fileName, contentType, sizeBytes: bytes.length, sha256 },
    });
    const stored = (await listRefundEvidence(trx, [row.id])).find((e) => e.id === id)!;
    return toEvidenceItem(stored);
  });
}
