import type { UseCaseDeps } from '../../../platform/deps';
import { findCaseByNumberOrThrow } from '../../cases';
import { loadCaseMessageTarget, loadDeskTexts } from '../message-context';
import { findTemplate } from '../messaging.repository';
import type { Language } from '../messaging.table';
import type { TemplateParts } from '../templates/default-templates';
import { assertRenderable, renderTemplate } from '../templates/render-template';
import { sampleCommonVariables, sampleVariables } from '../templates/sample-variables';
import type { MessageKind } from '../templates/template-kinds';

export interface PreviewTemplateInput {
  kind: MessageKind;
  language: Language;
  parts: TemplateParts;
  /** Render for this case's customer, as people write it (C-2373); without it, sample data. */
  caseNumber?: string;
}

export interface TemplatePreview extends TemplateParts {
  /** The language everything in the preview is in. */
  language: Language;
  /** false when the case's customer reads the other language: the preview is that language's template. */
  usesDraft: boolean;
  caseNumber: string | null;
}

/**
 * Renders a draft so the admin sees what a customer would get, all of it in one language. For a
 * case, that is its customer's: the draft when it is in their language, else the template in force
 * in their language (a customer never gets the other one), with the kind's sample values in it.
 */
export async function previewTemplate(
  deps: UseCaseDeps,
  input: PreviewTemplateInput,
): Promise<TemplatePreview> {
  assertRenderable(input.kind, input.parts, (part) => `body.${part}`);
  if (!input.caseNumber?.trim()) {
    const common = sampleCommonVariables(await loadDeskTexts(deps.db), input.language);
    return {
      ...renderTemplate(input.parts, { ...common, ...sampleVariables(input.kind, input.language) }),
      language: input.language,
      usesDraft: true,
      caseNumber: null,
    };
  }
  const kase = await findCaseByNumberOrThrow(deps.db, input.caseNumber, 'body.caseNumber');
  const target = await loadCaseMessageTarget(deps.db, kase.id, 'body.caseNumber');
  const usesDraft = target.language === input.language;
  const parts = usesDraft ? input.parts : await findTemplate(deps.db, input.kind, target.language);
  return {
    ...renderTemplate(parts, { ...target.context, ...sampleVariables(input.kind, target.language) }),
    language: target.language,
    usesDraft,
    caseNumber: target.caseNumber,
  };
}
