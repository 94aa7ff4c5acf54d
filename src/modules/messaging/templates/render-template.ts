import Mustache from 'mustache';
import type { TemplateParts } from './default-templates';
import { MESSAGE_KINDS, type MessageKind, type TemplateContext } from './template-kinds';

export type TemplatePart = 'subject' | 'text' | 'html';

/** Why a template cannot be used: which part, and what is wrong in it. */
export interface TemplateProblem {
  part: TemplatePart;
  message: string;
  variable?: string;
}

type Token = [string, string, number, number, Token[]?, number?];

function collectProblems(
  part: TemplatePart,
  tokens: Token[],
  allowed: ReadonlySet<string>,
): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  for (const token of tokens) {
    const [type, value, , , children] = token;
    if (type === '>') problems.push({ part, message: `partials are not supported ({{> ${value}}})` });
    else if (type === '&' || type === '{')
      problems.push({ part, variable: value, message: `unescaped output {{{${value}}}} is not allowed` });
    else if (type === 'name' || type === '#' || type === '^') {
      if (value !== '.' && !allowed.has(value))
        problems.push({ part, variable: value, message: `unknown variable {{${value}}}` });
    }
    if (children) problems.push(...collectProblems(part, children, allowed));
  }
  return problems;
}

/**
 * Checks a template before it is saved or used: it must parse, use only the kind's variables,
 * and contain no partials or unescaped output. Returns every problem found.
 */
export function validateTemplate(kind: MessageKind, parts: TemplateParts): TemplateProblem[] {
  const allowed = new Set<string>(MESSAGE_KINDS[kind]);
  const problems: TemplateProblem[] = [];
  for (const part of ['subject', 'text', 'html'] as const) {
    if (!parts[part].trim()) {
      problems.push({ part, message: 'must not be empty' });
      continue;
    }
    try {
      problems.push(...collectProblems(part, Mustache.parse(parts[part]) as Token[], allowed));
    } catch (error) {
      problems.push({ part, message: error instanceof Error ? error.message : String(error) });
    }
  }
  return problems;
}

const noEscape = (value: unknown) => String(value);

/** Renders a validated template: HTML is escaped, the subject and the text part are not. */
export function renderTemplate(parts: TemplateParts, context: TemplateContext): TemplateParts {
  return {
    subject: Mustache.render(parts.subject, context, {}, { escape: noEscape }).replace(/\s+/g, ' ').trim(),
    text: Mustache.render(parts.text, context, {}, { escape: noEscape }),
    html: Mustache.render(parts.html, context),
  };
}
