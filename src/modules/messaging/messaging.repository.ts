import type { Insertable, Selectable } from 'kysely';
import { sql } from 'kysely';
import type { AuditInsert, Executor } from '../../platform/audit';
import { notFound } from '../../platform/errors';
import { MessagingErrors } from './messaging.errors';
import type { Language, MessageState, OutboxMessagesTable } from './messaging.table';
import { DEFAULT_TEMPLATES, type TemplateParts } from './templates/default-templates';
import type { MessageKind } from './templates/template-kinds';

export type OutboxRow = Selectable<OutboxMessagesTable>;

// --- templates ------------------------------------------------------------------------------------

/** The template in force: the admins' override if there is one, else the built-in default. */
export async function findTemplate(
  db: Executor,
  kind: MessageKind,
  language: Language,
): Promise<TemplateParts & { isCustomized: boolean; updatedAt: Date | null }> {
  const row = await db
    .selectFrom('message_templates')
    .selectAll()
    .where('kind', '=', kind)
    .where('language', '=', language)
    .executeTakeFirst();
  if (row)
    return {
      subject: row.subject,
      text: row.text_body,
      html: row.html_body,
      isCustomized: true,
      updatedAt: row.updated_at,
    };
  return { ...DEFAULT_TEMPLATES[kind][language], isCustomized: false, updatedAt: null };
}

/** Writes an admin's version of a template over the one before (or the default). */
export async function upsertTemplate(
  trx: Executor,
  key: { kind: MessageKind; language: Language },
  parts: TemplateParts,
  by: { actorId: string | null; at: Date },
): Promise<void> {
  const values = {
    subject: parts.subject,
    text_body: parts.text,
    html_body: parts.html,
    updated_at: by.at,
    updated_by: by.actorId,
  };
  await trx
    .insertInto('message_templates')
    .values({ kind: key.kind, language: key.language, ...values })
    .onConflict((oc) => oc.columns(['kind', 'language']).doUpdateSet(values))
    .execute();
}

/** Drops an admin's override; true when there was one. */
export async function deleteTemplate(
  trx: Executor,
  key: { kind: MessageKind; language: Language },
): Promise<boolean> {
  const deleted = await trx
    .deleteFrom('message_templates')
    .where('kind', '=', key.kind)
    .where('language', '=', key.language)
    .executeTakeFirst();
  return Number(deleted.numDeletedRows) > 0;
}

// --- the outbox as staff read it ------------------------------------------------------------------

export function findMessage(db: Executor, id: string): Promise<OutboxRow | undefined> {
  return db.selectFrom('outbox_messages').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The message (as staff may read it), or MESSAGE_NOT_FOUND naming `field`. */
export async function findMessageOrThrow(db: Executor, id: string, field = 'params.id'): Promise<OutboxRow> {
  const row = await findMessage(db, id);
  if (!row) throw notFound(MessagingErrors.MESSAGE_NOT_FOUND, 'Message', id, field);
  return row;
}

/** The message locked for the rest of the transaction, or MESSAGE_NOT_FOUND naming `field`. */
export async function lockMessageOrThrow(trx: Executor, id: string, field = 'params.id'): Promise<OutboxRow> {
  const row = await trx
    .selectFrom('outbox_messages')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw notFound(MessagingErrors.MESSAGE_NOT_FOUND, 'Message', id, field);
  return row;
}

/** A case's messages, oldest first. */
export function listCaseMessages(db: Executor, caseId: string): Promise<OutboxRow[]> {
  return db
    .selectFrom('outbox_messages')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** Every outgoing message, newest first, optionally in one delivery state (index 0008). */
export function listMailbox(
  db: Executor,
  filter: { state?: MessageState; limit: number },
): Promise<OutboxRow[]> {
  let q = db.selectFrom('outbox_messages').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc');
  if (filter.state) q = q.where('state', '=', filter.state);
  return q.limit(filter.limit).execute();
}

/** The message an earlier request under this (actor-scoped) Idempotency-Key queued. */
export function findMessageByIdempotencyKey(db: Executor, key: string) {
  return db
    .selectFrom('outbox_messages')
    .select(['id', 'request_hash'])
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
}

// --- queueing -------------------------------------------------------------------------------------

/**
 * Puts a message in the outbox: the row holds what staff may read; `clear`, when the message carries
 * a secret, is the rendering the customer receives, kept beside it until delivery. The audit event
 * of the queueing is written in the same statement.
 */
export async function insertOutboxMessage(
  trx: Executor,
  row: Insertable<OutboxMessagesTable>,
  clear: TemplateParts | null,
  audit: AuditInsert,
): Promise<void> {
  // the message, its clear parts and the audit event of its queueing: one statement
  const withAudit = trx.with('audit', () => audit);
  if (!clear) {
    await withAudit.insertInto('outbox_messages').values(row).execute();
    return;
  }
  await withAudit
    .with('message', (db) => db.insertInto('outbox_messages').values(row).returning('id'))
    .insertInto('outbox_clear_parts')
    .values({ message_id: row.id, subject: clear.subject, text_body: clear.text, html_body: clear.html })
    .execute();
}

/** Inserts a message unless one with its idempotency key exists; true when this call inserted it. */
export async function insertOutboxMessageOnce(
  trx: Executor,
  row: Insertable<OutboxMessagesTable>,
): Promise<boolean> {
  const inserted = await trx
    .insertInto('outbox_messages')
    .values(row)
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** A failed (or cancelled) message queued again now with a fresh set of tries. */
export function requeueMessage(trx: Executor, id: string, from: MessageState, now: Date): Promise<OutboxRow> {
  return trx
    .updateTable('outbox_messages')
    .set({ state: 'queued', attempts: 0, next_attempt_at: now, locked_until: null })
    .where('id', '=', id)
    .where('state', '=', from)
    .returningAll()
    .executeTakeFirstOrThrow();
}

// --- delivery -------------------------------------------------------------------------------------

/** A message claimed for sending, with the parts the customer is to receive. */
export interface ClaimedMessage {
  id: string;
  to_address: string;
  language: Language;
  account_id: string | null;
  case_id: string | null;
  attempts: number;
  max_attempts: number;
  subject: string;
  text_body: string;
  html_body: string;
}

/** Messages a worker that died mid-send left in 'sending' past their claim are queued again. */
export async function requeueAbandoned(db: Executor, now: Date): Promise<void> {
  await db
    .updateTable('outbox_messages')
    .set({ state: 'queued', locked_until: null, last_error: 'delivery interrupted; queued again' })
    .where('state', '=', 'sending')
    .where('locked_until', '<', now)
    .execute();
}

/**
 * Claims the next due message with FOR UPDATE SKIP LOCKED (so workers share the outbox and never
 * take one message twice) and returns it with its clear parts where it has them.
 */
export async function claimNextDue(
  db: Executor,
  now: Date,
  lockedUntil: Date,
): Promise<ClaimedMessage | undefined> {
  const result = await sql<ClaimedMessage>`
    with claimed as (
      update outbox_messages set state = 'sending', attempts = attempts + 1, locked_until = ${lockedUntil}
      where id = (
        select id from outbox_messages
        where state = 'queued' and next_attempt_at <= ${now}
        order by next_attempt_at, id
        for update skip locked
        limit 1
      )
      returning id, to_address, subject, text_body, html_body, language, account_id, case_id, attempts, max_attempts
    )
    select claimed.id, claimed.to_address, claimed.language, claimed.account_id, claimed.case_id,
      claimed.attempts, claimed.max_attempts,
      coalesce(clear.subject, claimed.subject) as subject,
      coalesce(clear.text_body, claimed.text_body) as text_body,
      coalesce(clear.html_body, claimed.html_body) as html_body
    from claimed left join outbox_clear_parts clear on clear.message_id = claimed.id`.execute(db);
  return result.rows[0];
}

/** Records a delivery and drops the clear parts: from now on only the masked rendering exists. */
export async function markSent(
  trx: Executor,
  id: string,
  sent: { at: Date; transport: 'smtp' | 'mailbox'; providerMessageId: string | null },
): Promise<void> {
  await trx
    .updateTable('outbox_messages')
    .set({
      state: 'sent',
      sent_at: sent.at,
      locked_until: null,
      last_error: null,
      transport: sent.transport,
      provider_message_id: sent.providerMessageId,
    })
    .where('id', '=', id)
    .where('state', '=', 'sending')
    .execute();
  await trx.deleteFrom('outbox_clear_parts').where('message_id', '=', id).execute();
}

/** Records a failed try: queued again at `nextAt`, or failed for good. */
export async function markAttemptFailed(
  trx: Executor,
  id: string,
  outcome: { failed: boolean; reason: string; nextAt: Date },
): Promise<void> {
  await trx
    .updateTable('outbox_messages')
    .set({
      state: outcome.failed ? 'failed' : 'queued',
      locked_until: null,
      last_error: outcome.reason.slice(0, 1000),
      next_attempt_at: outcome.nextAt,
    })
    .where('id', '=', id)
    .where('state', '=', 'sending')
    .execute();
}
