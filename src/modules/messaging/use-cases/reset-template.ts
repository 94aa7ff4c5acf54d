import { writeAudit } from '../../../platform/audit';
import type { UseCaseDeps } from '../../../platform/deps';
import { deleteTemplate, findTemplate } from '../messaging.repository';
import { toTemplateResponse } from '../messaging.schemas';
import type { Language } from '../messaging.table';
import type { MessageKind } from '../templates/template-kinds';

/** Goes back to the built-in template; audited only when there was an admin's version to drop. */
export async function resetTemplate(deps: UseCaseDeps, input: { kind: MessageKind; language: Language }) {
  return deps.db.transaction().execute(async (trx) => {
    const dropped = await deleteTemplate(trx, input);
    if (dropped)
      await writeAudit(trx, deps.actor, deps.clock.now(), {
        action: 'template.reset',
        entityType: 'message_template',
        entityId: `${input.kind}/${input.language}`,
      });
    return toTemplateResponse(
      input.kind,
      input.language,
      await findTemplate(trx, input.kind, input.language),
    );
  });
}
