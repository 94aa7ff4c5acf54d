import { z } from 'zod';
import { idParam, moneySchema, shortText } from '../../platform/http/schemas';
import { isValidIban, maskIban, normalizeIban } from '../../platform/iban';
import { moneyFromColumn } from '../../platform/money';
import { ROLES } from '../../platform/roles';
import { evaluationResult } from '../policy';
import type { RefundEvidenceListRow, RefundExecutionRow, RefundRequestRow } from './refunds.repository';
import type { RefundRequestEventsTable } from './refunds.table';

/** How long a request may wait in the exceptions queue before it is overdue. */
export const QUEUE_TARGET_HOURS = 24;

export const REFUND_REQUEST_STATUSES = [
  'evaluated',
  'pending_approval',
  'needs_info',
  'approved',
  'denied',
  'executed',
  'failed',
] as const;
const status = z.enum(REFUND_REQUEST_STATUSES);
const mood = z.enum(['calm', 'upset', 'angry']);
/** Any three letters here; the intake refuses a currency that is not the payment's (REFUND_CURRENCY_MISMATCH). */
const currency = z.string().length(3);
const minor = z.number().int().min(1).max(1_000_000_000);

export const refundRequestIdParam = idParam('rfr');

export const idempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .min(8)
    .max(200)
    .optional()
    .describe('Send the same key again to retry safely: the request is recorded only once'),
});

export const createRefundRequestBody = z.object({
  paymentId: z.string().min(1).max(64).describe('pay_… id'),
  orderId: z.string().min(1).max(64).optional().describe('the order it paid for, when there is one'),
  reasonCode: z.string().min(1).max(40).describe('a reason of the refund policy in force'),
  customerWords: shortText(4000).describe("the customer's own words"),
  mood,
  requestedMinor: minor.describe('what the customer asks for, in minor units'),
  currency,
});
export type CreateRefundRequestBody = z.output<typeof createRefundRequestBody>;

export const ALTERNATIVE_KINDS = ['store_credit', 'exchange', 'discount'] as const;
export const alternativeSchema = z.object({
  kind: z.enum(ALTERNATIVE_KINDS),
  note: shortText(1000).optional(),
});

export const EXECUTION_METHODS = ['original_payment', 'store_credit', 'bank_transfer'] as const;

export const payoutSchema = z.object({
  holder: shortText(140).describe('the account holder'),
  iban: z
    .string()
    .max(64)
    .transform(normalizeIban)
    .refine(isValidIban, 'not a valid IBAN (country, length or check digits)'),
});

export const decideRefundRequestBody = z.object({
  action: z.enum(['approve', 'approve_partial', 'deny', 'send_back']),
  amountMinor: minor.optional().describe('the amount of a partial approval (or of a store-credit fallback)'),
  method: z
    .enum(EXECUTION_METHODS)
    .default('original_payment')
    .describe('how approved money goes back; after a failed refund: store credit or a bank transfer'),
  payout: payoutSchema.optional().describe('where a bank transfer goes (required for method bank_transfer)'),
  note: shortText(2000),
  alternative: alternativeSchema
    .optional()
    .describe('what the customer is offered instead; required for a denial'),
});
export type DecideRefundRequestBody = z.output<typeof decideRefundRequestBody>;

export const escalateRefundRequestBody = z.object({ note: shortText(2000).optional() });

export const resubmitRefundRequestBody = z.object({
  note: shortText(2000),
  customerWords: shortText(4000).optional(),
  reasonCode: z.string().min(1).max(40).optional(),
  requestedMinor: minor.optional(),
});

/** A keyset position in the queue: when the last request entered its status, and its id. */
export function encodeCursor(since: Date, id: string): string {
  return Buffer.from(JSON.stringify([since.toISOString(), id])).toString('base64url');
}

export function decodeCursor(cursor: string): { since: Date; id: string } | null {
  try {
    const [since, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown, unknown];
    const at = new Date(String(since));
    if (typeof since === 'string' && typeof id === 'string' && !Number.isNaN(at.getTime()))
      return { since: at, id };
  } catch {
    // not JSON: not a cursor
  }
  return null;
}

export const refundQueueQuery = z.object({
  status: status.default('pending_approval'),
  reason: z.string().min(1).max(40).optional(),
  cursor: z
    .string()
    .min(1)
    .max(200)
    .refine((c) => decodeCursor(c) !== null, 'not a cursor this list handed out')
    .optional()
    .describe('nextCursor of the page before'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

const historyEntry = z.object({
  at: z.date(),
  actorId: z.string().nullable(),
  action: z.string(),
  fromStatus: status.nullable(),
  toStatus: status,
  note: z.string().nullable(),
});

const executionEntry = z.object({
  id: z.string(),
  method: z.enum(EXECUTION_METHODS),
  amount: moneySchema,
  status: z.enum(['pending', 'succeeded', 'failed']).describe('pending until the worker has executed it'),
  attempts: z.number().int(),
  lastError: z.string().nullable().describe('why the last attempt could not reach the provider'),
  ref: z.string().nullable(),
  failureReason: z.string().nullable(),
  payoutIban: z.string().nullable().describe('masked: country, check digits and the last four'),
  createdAt: z.date(),
  finishedAt: z.date().nullable(),
});

export const EVIDENCE_CONTENT_TYPES = [
  'image/png',
  'image/jpeg',
  'image/webp',
  'image/gif',
  'application/pdf',
] as const;

export const evidenceParams = z.object({
  id: z.string().min(1).max(64).describe('rfr_… id'),
  evidenceId: z.string().min(1).max(64).describe('rev_… id'),
});

export const evidenceUploadQuery = z.object({
  name: z
    .string()
    .max(255)
    .optional()
    .describe("the file's name as the agent chose it; stored without folders or control characters"),
});

export const evidenceItem = z.object({
  id: z.string(),
  fileName: z.string().describe('the name it came with, made safe'),
  contentType: z.enum(EVIDENCE_CONTENT_TYPES).describe('what the bytes are, by their content'),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  uploadedBy: z.string().describe('the staff member who attached it (usr_… id)'),
  uploadedAt: z.date(),
});
export type EvidenceItem = z.output<typeof evidenceItem>;

export function toEvidenceItem(row: RefundEvidenceListRow): EvidenceItem {
  return {
    id: row.id,
    fileName: row.file_name,
    contentType: row.content_type,
    sizeBytes: row.size_bytes,
    sha256: row.sha256,
    uploadedBy: row.uploaded_by,
    uploadedAt: row.uploaded_at,
  };
}

export const refundRequestResponse = z.object({
  id: z.string(),
  caseId: z.string(),
  accountId: z.string(),
  paymentId: z.string(),
  orderId: z.string().nullable(),
  reasonCode: z.string(),
  customerWords: z.string(),
  mood,
  requested: moneySchema,
  status,
  statusSince: z.date(),
  policyVersion: z.number().int(),
  facts: z.record(z.string(), z.unknown()).describe('exactly what the evaluation read (refundFacts)'),
  evaluation: evaluationResult,
  roleNeeded: z.enum(ROLES).describe('who may approve the recommended amount'),
  decided: moneySchema.nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: z.date().nullable(),
  decisionNote: z.string().nullable(),
  alternative: alternativeSchema.nullable(),
  execution: z
    .object({
      method: z.enum(EXECUTION_METHODS),
      ref: z.string().nullable(),
      failureReason: z.string().nullable(),
    })
    .nullable()
    .describe('the latest execution that finished'),
  executions: z
    .array(executionEntry)
    .describe('every attempt to move the money, oldest first (a failed refund, then its fallback)'),
  createdBy: z.string(),
  createdAt: z.date(),
  updatedAt: z.date(),
  history: z.array(historyEntry),
  evidence: z
    .array(evidenceItem)
    .describe('the documentation attached, oldest first (download: getRefundEvidence)'),
});
export type RefundRequestResponse = z.output<typeof refundRequestResponse>;

const scriptLines = z
  .array(z.string())
  .describe("what the agent says on the phone, in the customer's language, for the recorded mood");

export const decisionResponse = refundRequestResponse.extend({ script: scriptLines });

export const refundScriptResponse = z.object({
  language: z.enum(['de', 'en']).describe("the customer's language"),
  mood,
  lines: scriptLines.nullable().describe('null while the request is not decided'),
});

export const refundNoteDraftResponse = z.object({
  accountId: z.string(),
  caseId: z.string(),
  language: z.enum(['de', 'en']).describe("the agent's UI language"),
  contactReason: z.string(),
  actionsTaken: z.string(),
  commitments: z.array(z.object({ description: z.string(), dueOn: z.string() })),
});

export const queueItemResponse = z.object({
  id: z.string(),
  caseId: z.string(),
  caseNumber: z.string(),
  accountId: z.string(),
  accountNumber: z.string(),
  status,
  reasonCode: z.string(),
  requested: moneySchema,
  recommended: moneySchema,
  maxRefundable: moneySchema,
  basis: evaluationResult.shape.basis,
  inPolicy: z.boolean(),
  roleNeeded: z.enum(ROLES),
  createdBy: z.string(),
  waitingSince: z.date(),
  waitingMinutes: z.number().int(),
  overdue: z.boolean().describe('waiting longer than the target (24 h) in the exceptions queue'),
});
export const refundQueueResponse = z.object({
  items: z.array(queueItemResponse),
  targetHours: z.number().int(),
  nextCursor: z.string().nullable(),
});

export const refundReasonsResponse = z.object({
  policyVersion: z.number().int(),
  items: z.array(z.object({ code: z.string(), de: z.string(), en: z.string() })),
});
export type RefundReasonsResponse = z.output<typeof refundReasonsResponse>;

type EventRow = Omit<RefundRequestEventsTable, 'id'>;

export function toRefundRequestResponse(
  row: RefundRequestRow,
  events: EventRow[],
  executions: RefundExecutionRow[],
  evidence: RefundEvidenceListRow[],
): RefundRequestResponse {
  const evaluation = evaluationResult.parse(row.evaluation);
  return {
    id: row.id,
    caseId: row.case_id,
    accountId: row.account_id,
    paymentId: row.payment_id,
    orderId: row.order_id,
    reasonCode: row.reason_code,
    customerWords: row.customer_words,
    mood: row.mood,
    requested: moneyFromColumn(row.requested_minor, row.currency),
    status: row.status,
    statusSince: row.status_since,
    policyVersion: row.policy_version,
    facts: row.facts as Record<string, unknown>,
    evaluation,
    roleNeeded: evaluation.approval.recommended,
    decided: row.decided_minor === null ? null : moneyFromColumn(row.decided_minor, row.currency),
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
    decisionNote: row.decision_note,
    alternative: row.alternative ? alternativeSchema.parse(row.alternative) : null,
    execution: row.execution_method
      ? { method: row.execution_method, ref: row.execution_ref, failureReason: row.failure_reason }
      : null,
    executions: executions.map((e) => ({
      id: e.id,
      method: e.method,
      amount: moneyFromColumn(e.amount_minor, e.currency),
      status: e.status,
      attempts: e.attempts,
      lastError: e.last_error,
      ref: e.result_ref,
      failureReason: e.failure_reason,
      payoutIban: e.payout_iban ? maskIban(e.payout_iban) : null,
      createdAt: e.created_at,
      finishedAt: e.finished_at,
    })),
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    history: events.map((e) => ({
      at: e.at,
      actorId: e.actor_id,
      action: e.action,
      fromStatus: e.from_status,
      toStatus: e.to_status,
      note: e.note,
    })),
    evidence: evidence.map(toEvidenceItem),
  };
}
export type ResubmitRefundRequestInput = z.output<typeof resubmitRefundRequestBody>;
