import type { Executor } from '../../platform/audit';
import type { Language } from './messaging.table';
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
