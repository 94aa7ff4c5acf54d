import Mustache from 'mustache';

/** What an agent's call greeting may name: who speaks, and for which company. */
export const CALL_SCRIPT_VARIABLES = ['agent.name', 'company.name'] as const;

/**
 * Why a greeting script cannot be used, or null: it must parse, and may only name the agent and
 * the company as plain `{{…}}` variables (no sections, partials or unescaped output).
 */
export function callScriptProblem(text: string): string | null {
  let tokens: Mustache.TemplateSpans;
  try {
    tokens = Mustache.parse(text);
  } catch (error) {
    return `does not parse: ${(error as Error).message}`;
  }
  for (const [type, value] of tokens) {
    if (type === 'text') continue;
    if (type !== 'name') return `may only use plain variables like {{agent.name}}, not {{${type}${value}}}`;
    if (!(CALL_SCRIPT_VARIABLES as readonly string[]).includes(value))
      return `unknown variable {{${value}}}; allowed: ${CALL_SCRIPT_VARIABLES.map((v) => `{{${v}}}`).join(', ')}`;
  }
  return null;
}

/** The greeting as the agent reads it out: plain text (the UI escapes it). */
export function renderCallScript(text: string, vars: { agentName: string; companyName: string }): string {
  const tokens = Mustache.parse(text);
  const values: Record<string, string> = { 'agent.name': vars.agentName, 'company.name': vars.companyName };
  return tokens.map(([type, value]) => (type === 'text' ? value : (values[value] ?? ''))).join('');
}
