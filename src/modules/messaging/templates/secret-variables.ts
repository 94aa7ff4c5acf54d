import type { TemplateParts } from './default-templates';
import { renderTemplate } from './render-template';
import { MESSAGE_KINDS, type MessageKind, type TemplateContext } from './template-kinds';

/** What staff see instead of a one-time code. */
export const MASKED_CODE = '••••••';

/**
 * Variables whose value proves something only while staff cannot read it: the e-mail code proves
 * the caller reads the account's mailbox, the survey link that the customer is the one answering.
 * Each maps the clear value to what staff see instead; the customer receives the clear value.
 */
export const SECRET_VARIABLES: Readonly<Record<string, (value: string) => string>> = {
  'code.value': () => MASKED_CODE,
  // the page address stays readable, the single-use token does not
  'survey.url': (url) => url.replace(/[^/]*$/, '••••••••'),
};

/** The secret variables a kind's templates may use. */
export function secretVariablesOf(kind: MessageKind): string[] {
  return MESSAGE_KINDS[kind].filter((name) => Object.hasOwn(SECRET_VARIABLES, name));
}

function withValueAt(
  context: TemplateContext,
  path: string[],
  mask: (value: string) => string,
): TemplateContext {
  const [head, ...rest] = path as [string, ...string[]];
  const value = context[head];
  if (value === undefined || value === null) return context;
  if (rest.length === 0) return { ...context, [head]: mask(String(value)) };
  if (typeof value !== 'object') return context;
  return { ...context, [head]: withValueAt(value as TemplateContext, rest, mask) };
}

/** The context with each of the kind's secrets replaced by its mask (a copy; the input is left alone). */
export function maskSecrets(kind: MessageKind, context: TemplateContext): TemplateContext {
  let masked = context;
  for (const name of secretVariablesOf(kind))
    masked = withValueAt(masked, name.split('.'), SECRET_VARIABLES[name]!);
  return masked;
}

/**
 * Renders a message twice when it carries a secret: `shown` with the secrets masked (what the
 * outbox row and every staff view hold) and `clear` for the customer; `clear` is null when the
 * two are the same.
 */
export function renderWithSecrets(
  kind: MessageKind,
  parts: TemplateParts,
  context: TemplateContext,
): { shown: TemplateParts; clear: TemplateParts | null } {
  const shown = renderTemplate(parts, maskSecrets(kind, context));
  const clear = renderTemplate(parts, context);
  const same = shown.subject === clear.subject && shown.text === clear.text && shown.html === clear.html;
  return { shown, clear: same ? null : clear };
}
