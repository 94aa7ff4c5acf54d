import Mustache from 'mustache';
import { DomainError } from '../../../platform/errors';
import { MessagingErrors } from '../messaging.errors';
import type { TemplateParts } from './default-templates';
import { MESSAGE_KINDS, type MessageKind, type TemplateContext } from './template-kinds';

export type TemplatePart = 'subject' | 'text' | 'html';

/** What is wrong, as a word a client can translate: the UI says it in its own language. */
export type TemplateProblemReason =
  | 'empty'
  | 'partial'
  | 'unescaped'
  | 'unknown_variable'
  | 'unclosed_tag'
  | 'unclosed_section'
  | 'unopened_section'
  | 'syntax';

/** Why a template cannot be used: which part, what is wrong (and an English sentence saying so). */
export interface TemplateProblem {
  part: TemplatePart;
  reason: TemplateProblemReason;
  message: string;
  variable?: string;
  /** Where in the part's text the parser stopped, counted in characters from 0. */
  at?: number;
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
    if (type === '>')
      problems.push({ part, reason: 'partial', message: `partials are not supported ({{> ${value}}})` });
    else if (type === '&' || type === '{')
      problems.push({
        part,
        reason: 'unescaped',
        variable: value,
        message: `unescaped output {{{${value}}}} is not allowed`,
      });
    else if (type === 'name' || type === '#' || type === '^') {
      if (value !== '.' && !allowed.has(value))
        problems.push({
          part,
          reason: 'unknown_variable',
          variable: value,
          message: `unknown variable {{${value}}}`,
        });
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
      problems.push({ part, reason: 'empty', message: 'must not be empty' });
      continue;
    }
    try {
      problems.push(...collectProblems(part, Mustache.parse(parts[part]) as Token[], allowed));
    } catch (error) {
      problems.push(syntaxProblem(part, error instanceof Error ? error.message : String(error)));
    }
  }
  return problems;
}

/** Mustache's parse errors ("Unclosed section \"x\" at 12"), read into a reason, a variable and a place. */
function syntaxProblem(part: TemplatePart, message: string): TemplateProblem {
  const m = /^(Unclosed tag|Unclosed section|Unopened section)(?: "([^"]*)")? at (\d+)/.exec(message);
  if (!m) return { part, reason: 'syntax', message };
  const reason = m[1]!.toLowerCase().replace(' ', '_') as TemplateProblemReason;
  return { part, reason, message, at: Number(m[3]), ...(m[2] === undefined ? {} : { variable: m[2] }) };
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

/**
 * Refuses a template that cannot be rendered: TEMPLATE_INVALID naming the first bad part as
 * `fieldOf(part)` (`body.subject` for a request), with every problem found.
 */
export function assertRenderable(
  kind: MessageKind,
  parts: TemplateParts,
  fieldOf: (part: TemplatePart) => string,
): void {
  const problems = validateTemplate(kind, parts);
  if (problems.length === 0) return;
  const first = problems[0]!;
  throw new DomainError(MessagingErrors.TEMPLATE_INVALID, `${first.part}: ${first.message}`, {
    field: fieldOf(first.part),
    problems,
  });
}
