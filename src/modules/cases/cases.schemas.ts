import { z } from 'zod';
import { shortText } from '../../platform/http/schemas';
import { verificationStateOf } from '../verification';
import type { CaseRow, CaseSummaryRow } from './cases.repository';

export const caseType = z.enum(['cancellation', 'refund', 'inquiry', 'complaint']);
export const caseChannel = z.enum(['phone', 'email', 'chat', 'web']);
export const caseMood = z.enum(['calm', 'upset', 'angry']);
export const caseStatus = z.enum(['open', 'pending', 'resolved', 'closed']);
const person = z.object({ id: z.string(), displayName: z.string() });

/** The shape of verification's VerificationState (verificationStateOf), as the case view answers it. */
export const verificationStateResponse = z.object({
  state: z.enum(['unverified', 'verified', 'expired', 'override']),
  subjectType: z.enum(['holder', 'representative', 'override']).nullable(),
  representativeId: z.string().nullable(),
  representativeName: z.string().nullable(),
  canCancel: z.boolean(),
  canRequestRefunds: z.boolean(),
  verifiedAt: z.date().nullable(),
  expiresAt: z.date().nullable(),
});

export const caseSummaryResponse = z.object({
  id: z.string(),
  caseNumber: z.string(),
  accountId: z.string(),
  accountNumber: z.string(),
  customerName: z.string(),
  type: caseType,
  channel: caseChannel,
  mood: caseMood,
  status: caseStatus,
  subject: z.string().nullable(),
  assignee: person.nullable(),
  openedAt: z.date(),
  updatedAt: z.date(),
});

export const caseResponse = caseSummaryResponse.extend({
  openedBy: person.nullable(),
  closedAt: z.date().nullable(),
  verification: verificationStateResponse,
});

/** Everything that happened on a case, oldest first. */
export const timelineResponse = z.object({
  items: z.array(
    z.object({
      id: z.number().int(),
      at: z.date(),
      action: z.string(),
      actor: z.object({ id: z.string(), displayName: z.string(), role: z.string() }).nullable(),
      actorRole: z.string().nullable(),
      changes: z.record(z.string(), z.unknown()),
    }),
  ),
});

export const createCaseBody = z
  .object({
    accountId: z.string().min(1).max(64),
    type: caseType,
    channel: caseChannel,
    mood: caseMood.default('calm'),
    subject: shortText(200).optional(),
  })
  .strict();

export const updateCaseBody = z
  .object({
    status: caseStatus.optional(),
    assigneeId: z.string().min(1).max(64).optional(),
    mood: caseMood.optional(),
    subject: shortText(200).optional(),
    followUp: z
      .boolean()
      .optional()
      .describe(
        'when closing: schedule the satisfaction follow-up (default true when the customer has an e-mail)',
      ),
  })
  .strict();

export const listCasesQuery = z
  .object({
    accountId: z.string().max(64).optional(),
    assignee: z.string().max(64).optional().describe("'me' or a staff id"),
    status: caseStatus.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

export function toCaseSummary(row: CaseSummaryRow): z.infer<typeof caseSummaryResponse> {
  return {
    id: row.id,
    caseNumber: row.case_number,
    accountId: row.account_id,
    accountNumber: row.account_number,
    customerName: `${row.first_name} ${row.last_name}`,
    type: row.type,
    channel: row.channel,
    mood: row.mood,
    status: row.status,
    subject: row.subject,
    assignee: row.assignee_id ? { id: row.assignee_id, displayName: row.assignee_name ?? '' } : null,
    openedAt: row.opened_at,
    updatedAt: row.updated_at,
  };
}

export function toCaseResponse(row: NonNullable<CaseRow>, now: Date): z.infer<typeof caseResponse> {
  const repName = row.rep_first_name ? `${row.rep_first_name} ${row.rep_last_name}` : null;
  return {
    ...toCaseSummary(row),
    openedBy: row.opened_by ? { id: row.opened_by, displayName: row.opener_name ?? '' } : null,
    closedAt: row.closed_at,
    verification: verificationStateOf(
      {
        verified_at: row.verified_at,
        expires_at: row.verification_expires_at,
        subject_type: row.verified_subject_type,
        representative_id: row.verified_representative_id,
        can_cancel: row.verified_can_cancel,
        can_request_refunds: row.verified_can_request_refunds,
      },
      now,
      repName,
    ),
  };
}
