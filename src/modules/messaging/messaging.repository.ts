import type { Executor } from '../../platform/audit';
import type { Language, OutboxMessagesTable } from './messaging.table';
import { DEFAULT_TEMPLATES, type TemplateParts } from './templates/default-templates';
import type { MessageKind } from './templates/template-kinds';

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

export function findMessage(db: Executor, id: string) {
  return db.selectFrom('outbox_messages').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A case's messages, oldest first. */
export function listCaseMessages(db: Executor, caseId: string) {
  return db
    .selectFrom('outbox_messages')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** Every outgoing message, newest first, optionally in one delivery state (index 0008). */
export function listMailbox(db: Executor, filter: { state?: OutboxMessagesTable['state']; limit: number }) {
  let q = db.selectFrom('outbox_messages').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc');
  if (filter.state) q = q.where('state', '=', filter.state);
  return q.limit(filter.limit).execute();
}
