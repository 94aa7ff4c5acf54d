import { z } from 'zod';
import { longText } from '../../platform/http/schemas';
import type { OutboxRow } from './messaging.repository';
import { type Language, MESSAGE_STATES } from './messaging.table';
import { STAFF_MESSAGE_KINDS } from './staff-message-kinds';
import type { TemplateParts } from './templates/default-templates';
import { secretVariablesOf } from './templates/secret-variables';
import {
  isMessageKind,
  MESSAGE_KIND_NAMES,
  MESSAGE_KINDS,
  type MessageKind,
} from './templates/template-kinds';

/** What a TEMPLATE_INVALID problem lists under `problems`, one per thing wrong. */
export type { TemplateProblem } from './templates/render-template';

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
  secretsMasked: z
    .boolean()
    .describe(
      'The kind carries a secret (a code, a survey link) that staff see masked; the customer got it in clear',
    ),
  toStaff: z
    .boolean()
    .describe('A message to staff (the weekly digest, a low-rating alert to a lead), not to the customer'),
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
  secretVariables: z.array(z.string()).describe('Variables staff see masked in sent messages'),
  isCustomized: z.boolean(),
  updatedAt: z.date().nullable(),
});

export const templateParams = z.object({ kind: messageKindSchema, language: languageSchema });

export const previewBody = templateParts.extend({
  kind: messageKindSchema,
  language: languageSchema,
  caseNumber: z
    .string()
    .max(32)
    .optional()
    .describe("Render for this case's customer (C-2373); without it, sample data in the template's language"),
});

export const previewResponse = templateParts.extend({
  language: languageSchema.describe("The language the preview is in: the customer's when a case is given"),
  usesDraft: z
    .boolean()
    .describe("false when the case's customer reads the other language: the preview shows that template"),
  caseNumber: z.string().nullable(),
});

export const sendCaseMessageBody = z.object({ body: longText(5_000).min(1) }).strict();

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
    secretsMasked: isMessageKind(row.kind) && secretVariablesOf(row.kind).length > 0,
    toStaff: (STAFF_MESSAGE_KINDS as readonly string[]).includes(row.kind),
  };
}

/** An outbox row with the text and HTML exactly as the customer received them. */
export function toMessageDetail(row: OutboxRow): z.infer<typeof messageDetail> {
  return { ...toMessageSummary(row), text: row.text_body, html: row.html_body };
}

/** A template as the admin page shows it: the one in force, its variables and which are secret. */
export function toTemplateResponse(
  kind: MessageKind,
  language: Language,
  template: TemplateParts & { isCustomized: boolean; updatedAt: Date | null },
): z.infer<typeof templateResponse> {
  return {
    kind,
    language,
    variables: [...MESSAGE_KINDS[kind]],
    secretVariables: secretVariablesOf(kind),
    subject: template.subject,
    text: template.text,
    html: template.html,
    isCustomized: template.isCustomized,
    updatedAt: template.updatedAt,
  };
}
