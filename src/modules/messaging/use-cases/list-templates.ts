import type { UseCaseDeps } from '../../../platform/deps';
import { findTemplate } from '../messaging.repository';
import { toTemplateResponse } from '../messaging.schemas';
import { LANGUAGES, MESSAGE_KIND_NAMES } from '../templates/template-kinds';

/** Every template in German and English with its variables and whether an admin changed it. */
export async function listTemplates(deps: UseCaseDeps) {
  const items = [];
  for (const kind of MESSAGE_KIND_NAMES)
    for (const language of LANGUAGES)
      items.push(toTemplateResponse(kind, language, await findTemplate(deps.db, kind, language)));
  return items;
}
