import type { Generated } from 'kysely';

export const MESSAGE_STATES = ['queued', 'sending', 'sent', 'failed', 'cancelled'] as const;
export type MessageState = (typeof MESSAGE_STATES)[number];
export type Language = 'de' | 'en';

export interface OutboxMessagesTable {
  id: string;
  kind: string;
  account_id: string | null;
  case_id: string | null;
  to_address: string;
  language: Language;
  /** The rendering staff may read: a secret it carries (see template-kinds.ts) is masked. */
  subject: string;
  text_body: string;
  html_body: string;
  state: MessageState;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  next_attempt_at: Date;
  locked_until: Date | null;
  last_error: string | null;
  idempotency_key: string | null;
  request_hash: string | null;
  transport: 'smtp' | 'mailbox' | null;
  provider_message_id: string | null;
  created_by: string | null;
  created_at: Date;
  sent_at: Date | null;
}

export interface MessageTemplatesTable {
  kind: string;
  language: Language;
  subject: string;
  text_body: string;
  html_body: string;
  updated_at: Date;
  updated_by: string | null;
}

/**
 * The clear rendering of a message that holds a secret (a verification code, a survey link), kept
 * only until it is delivered; the outbox row holds the masked rendering staff may read.
 */
export interface OutboxClearPartsTable {
  message_id: string;
  subject: string;
  text_body: string;
  html_body: string;
}
