import type { Selectable } from 'kysely';
import { z } from 'zod';
import { longText } from '../../platform/http/schemas';
import { MESSAGE_STATES, type OutboxMessagesTable } from './messaging.table';
import { MESSAGE_KIND_NAMES } from './templates/template-kinds';

export const messageKindSchema = z.enum(MESSAGE_KIND_NAMES as [string, ...string[]]);
export const languageSchema = z.enum(['de', 'en']);

export const messageSummary = z.object({
  id: z.string(),
  kind: z.string(),
  accountId: z.string().nullable(),
  caseId: z.string().nullable(),
  to: z.string(),
  language: languageSchema,
  subject: z.string(),
  state: z.enum(MESSAGE_STATES),
  attempts: z.number().int(),
  maxAttempts: z.number().int(),
  nextAttemptAt: z.date(),
  lastError: z.string().nullable(),
  transport: z.enum(['smtp', 'mailbox']).nullable(),
  createdAt: z.date(),
  sentAt: z.date().nullable(),
});

export const messageDetail = messageSummary.extend({ text: z.string(), html: z.string() });

export const messageList = z.object({ items: z.array(messageSummary) });

export const templateParts = z
  .object({ subject: z.string().max(300), text: z.string().max(20_000), html: z.string().max(50_000) })
  .strict();

export const templateResponse = templateParts.extend({
  kind: z.string(),
  language: languageSchema,
  variables: z.array(z.string()),
  isCustomized: z.boolean(),
  updatedAt: z.date().nullable(),
});

export const templateParams = z.object({ kind: messageKindSchema, language: languageSchema });

export const previewBody = templateParts.extend({
  kind: messageKindSchema,
  language: languageSchema,
  caseId: z.string().max(64).optional(),
});

export const sendCaseMessageBody = z.object({ body: longText(5_000).min(1) }).strict();

type OutboxRow = Selectable<OutboxMessagesTable>;

/** An outbox row as the API shows it in lists (without the bodies). */
export function toMessageSummary(row: OutboxRow): z.infer<typeof messageSummary> {
  return {
    id: row.id,
    kind: row.kind,
    accountId: row.account_id,
    caseId: row.case_id,
    to: row.to_address,
    language: row.language,
    subject: row.subject,
    state: row.state,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    transport: row.transport,
    createdAt: row.created_at,
    sentAt: row.sent_at,
  };
}

/** An outbox row with the text and HTML exactly as the customer received them. */
export function toMessageDetail(row: OutboxRow): z.infer<typeof messageDetail> {
  return { ...toMessageSummary(row), text: row.text_body, html: row.html_body };
}
