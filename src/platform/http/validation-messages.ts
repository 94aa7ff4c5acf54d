import { z } from 'zod';
import { $ZodType, safeParse } from 'zod/v4/core';
import type { Language } from './language';

// Built once, passed per parse: the global zod config stays English for logs, scripts and tests.
const zodLocales = { en: z.locales.en(), de: z.locales.de() } satisfies Record<Language, unknown>;

/** A schema's own message in every language, keyed by the English text the schema carries. */
const ownMessages = new Map<string, Record<Language, string>>();

/**
 * A message of our own for a schema check, with its German wording for callers who ask in German.
 * Returns the English text, which is what the schema carries and API clients read by default.
 */
export function schemaMessage(text: Record<Language, string>): string {
  const existing = ownMessages.get(text.en);
  if (existing && existing.de !== text.de) throw new Error(`schema message "${text.en}" worded twice`);
  ownMessages.set(text.en, text);
  return text.en;
}

/** One failed check: where in the request part it failed, and what is wrong, worded for the caller. */
export interface WordedIssue {
  path: string[];
  message: string;
}

/**
 * Validates `data` against a route's zod schema again, wording each issue in `language`: zod's own
 * messages from its locale, ours from `schemaMessage`. Undefined when `schema` is not a zod schema
 * or the data passes (then the caller keeps the messages it has).
 */
export function wordedIssues(schema: unknown, data: unknown, language: Language): WordedIssue[] | undefined {
  if (!(schema instanceof $ZodType)) return undefined;
  const result = safeParse(schema, data, { error: zodLocales[language].localeError });
  if (result.success) return undefined;
  return result.error.issues.map((issue) => ({
    path: issue.path.map(String),
    message: ownMessages.get(issue.message)?.[language] ?? issue.message,
  }));
}
