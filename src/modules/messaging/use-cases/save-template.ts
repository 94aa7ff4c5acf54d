import { writeAudit } from '../../../platform/audit';
import type { UseCaseDeps } from '../../../platform/deps';
import { findTemplate, upsertTemplate } from '../messaging.repository';
import { toTemplateResponse } from '../messaging.schemas';
import type { Language } from '../messaging.table';
import type { TemplateParts } from '../templates/default-templates';
import { assertRenderable } from '../templates/render-template';
import type { MessageKind } from '../templates/template-kinds';

export interface SaveTemplateInput {
  kind: MessageKind;
  language: Language;
  parts: TemplateParts;
}

/** Saves an admin's version of a template; one that does not render is refused and nothing changes. */
export async function saveTemplate(deps: UseCaseDeps, input: SaveTemplateInput) {
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    const key = { kind: input.kind, language: input.language };
    const before = await findTemplate(trx, input.kind, input.language);
    assertRenderable(input.kind, input.parts, (part) => `body.${part}`);
    await upsertTemplate(trx, key, input.parts, { actorId: deps.actor.id, at: now });
    const changes: Record<string, { from: string; to: string }> = {};
    for (const part of ['subject', 'text', 'html'] as const)
      if (before[part] !== input.parts[part]) changes[part] = { from: before[part], to: input.parts[part] };
    await writeAudit(trx, deps.actor, now, {
      action: 'template.updated',
      entityType: 'message_template',
      entityId: `${input.kind}/${input.language}`,
      changes,
    });
    return toTemplateResponse(input.kind, input.language, {
      ...input.parts,
      isCustomized: true,
      updatedAt: now,
    });
  });
}
