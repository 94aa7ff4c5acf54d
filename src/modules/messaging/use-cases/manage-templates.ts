import { writeAudit } from '../../../platform/audit';
import type { UseCaseDeps } from '../../../platform/deps';
import { DomainError } from '../../../platform/errors';
import { loadCaseMessageTarget, loadDeskTexts } from '../message-context';
import { MessagingErrors } from '../messaging.errors';
import { findTemplate } from '../messaging.repository';
import type { Language } from '../messaging.table';
import type { TemplateParts } from '../templates/default-templates';
import { renderTemplate, validateTemplate } from '../templates/render-template';
import { sampleCommonVariables, sampleVariables } from '../templates/sample-variables';
import {
  LANGUAGES,
  MESSAGE_KIND_NAMES,
  MESSAGE_KINDS,
  type MessageKind,
  type TemplateContext,
} from '../templates/template-kinds';

function assertValid(kind: MessageKind, parts: TemplateParts): void {
  const problems = validateTemplate(kind, parts);
  if (problems.length > 0) {
    const first = problems[0]!;
    throw new DomainError(MessagingErrors.TEMPLATE_INVALID, `${first.part}: ${first.message}`, {
      field: `body.${first.part}`,
      problems,
    });
  }
}

/** Every template with its variables and whether an admin changed it. */
export async function listTemplates(deps: UseCaseDeps) {
  const items = [];
  for (const kind of MESSAGE_KIND_NAMES)
    for (const language of LANGUAGES) {
      const t = await findTemplate(deps.db, kind, language);
      items.push({ kind, language, variables: [...MESSAGE_KINDS[kind]], ...t });
    }
  return items;
}

/** Saves an admin's version of a template; one that does not render is refused and nothing changes. */
export async function saveTemplate(
  deps: UseCaseDeps,
  kind: MessageKind,
  language: Language,
  parts: TemplateParts,
) {
  assertValid(kind, parts);
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    const before = await findTemplate(trx, kind, language);
    await trx
      .insertInto('message_templates')
      .values({
        kind,
        language,
        subject: parts.subject,
        text_body: parts.text,
        html_body: parts.html,
        updated_at: now,
        updated_by: deps.actor.id,
      })
      .onConflict((oc) =>
        oc.columns(['kind', 'language']).doUpdateSet({
          subject: parts.subject,
          text_body: parts.text,
          html_body: parts.html,
          updated_at: now,
          updated_by: deps.actor.id,
        }),
      )
      .execute();
    const changes: Record<string, { from: string; to: string }> = {};
    for (const part of ['subject', 'text', 'html'] as const)
      if (before[part] !== parts[part]) changes[part] = { from: before[part], to: parts[part] };
    await writeAudit(trx, deps.actor, now, {
      action: 'template.updated',
      entityType: 'message_template',
      entityId: `${kind}/${language}`,
      changes,
    });
    return findTemplate(trx, kind, language);
  });
}

/** Goes back to the built-in template. */
export async function resetTemplate(deps: UseCaseDeps, kind: MessageKind, language: Language) {
  return deps.db.transaction().execute(async (trx) => {
    const deleted = await trx
      .deleteFrom('message_templates')
      .where('kind', '=', kind)
      .where('language', '=', language)
      .executeTakeFirst();
    if (Number(deleted.numDeletedRows) > 0)
      await writeAudit(trx, deps.actor, deps.clock.now(), {
        action: 'template.reset',
        entityType: 'message_template',
        entityId: `${kind}/${language}`,
      });
    return findTemplate(trx, kind, language);
  });
}

/** Renders a draft against a real case (or sample data) so the admin sees what a customer would get. */
export async function previewTemplate(
  deps: UseCaseDeps,
  input: { kind: MessageKind; language: Language; parts: TemplateParts; caseId?: string },
) {
  assertValid(input.kind, input.parts);
  let context: TemplateContext;
  if (input.caseId) {
    context = (await loadCaseMessageTarget(deps.db, input.caseId)).context;
  } else {
    context = sampleCommonVariables(await loadDeskTexts(deps.db), input.language);
  }
  return renderTemplate(input.parts, { ...context, ...sampleVariables(input.kind, input.language) });
}
