import Mustache from 'mustache';
import { schemaMessage } from '../../platform/http/validation-messages';

/** What an agent's call greeting may name: who speaks, and for which company. */
export const CALL_SCRIPT_VARIABLES = ['agent.name', 'company.name'] as const;

const DOES_NOT_PARSE = schemaMessage({
  en: 'is not a valid greeting: check the {{ }} brackets',
  de: 'Die Begrüßung ist fehlerhaft: bitte die Klammern {{ }} prüfen',
});
const ONLY_KNOWN_VARIABLES = schemaMessage({
  en: 'may only name {{agent.name}} and {{company.name}}',
  de: 'Bitte nur {{agent.name}} und {{company.name}} als Platzhalter verwenden',
});

/**
 * Why a greeting script cannot be used, or null: it must parse, and may only name the agent and
 * the company as plain `{{…}}` variables (no sections, partials or unescaped output). The message
 * is worded in the caller's language by the validation layer.
 */
export function callScriptProblem(text: string): string | null {
  let tokens: Mustache.TemplateSpans;
  try {
    tokens = Mustache.parse(text);
  } catch {
    return DOES_NOT_PARSE;
  }
  for (const [type, value] of tokens) {
    if (type === 'text') continue;
    if (type !== 'name' || !(CALL_SCRIPT_VARIABLES as readonly string[]).includes(value))
      return ONLY_KNOWN_VARIABLES;
  }
  return null;
}

/** The greeting as the agent reads it out: plain text (the UI escapes it). */
export function renderCallScript(text: string, vars: { agentName: string; companyName: string }): string {
  const tokens = Mustache.parse(text);
  const values: Record<string, string> = { 'agent.name': vars.agentName, 'company.name': vars.companyName };
  return tokens.map(([type, value]) => (type === 'text' ? value : (values[value] ?? ''))).join('');
}
