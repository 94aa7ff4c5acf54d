import { z } from 'zod';
import { $ZodType, safeParse } from 'zod/v4/core';
import type { Language } from './language';

// Built once, passed per parse: the global zod config stays English for logs, scripts and tests.
const zodLocales = { en: z.locales.en(), de: z.locales.de() } satisfies Record<Language, unknown>;

interface RawIssue {
  code: string;
  input?: unknown;
  expected?: string;
  origin?: string;
  minimum?: unknown;
  maximum?: unknown;
  inclusive?: boolean;
  format?: string;
  keys?: string[];
  values?: unknown[];
}

const GERMAN_TYPES: Record<string, string> = {
  string: 'ein Text',
  number: 'eine Zahl',
  int: 'eine ganze Zahl',
  boolean: 'ja oder nein (true/false)',
  array: 'eine Liste',
  object: 'ein Objekt',
};

/**
 * The checks agents and admins meet at the desk, worded as a German form would say them; zod's
 * German locale words the rest (it is correct but reads like a type checker: "erwartet Zahl,
 * erhalten string").
 */
function deskGerman(issue: RawIssue): string | undefined {
  const n = String(issue.minimum ?? issue.maximum ?? '');
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'Pflichtfeld: bitte ausfüllen';
      return GERMAN_TYPES[issue.expected ?? '']
        ? `Hier wird ${GERMAN_TYPES[issue.expected!]} erwartet`
        : undefined;
    case 'too_small':
      if (issue.origin === 'string')
        return n === '1' ? 'Bitte ausfüllen' : `Bitte mindestens ${n} Zeichen eingeben`;
      if (issue.origin === 'array' || issue.origin === 'set') return `Bitte mindestens ${n} auswählen`;
      if (issue.origin === 'number' || issue.origin === 'int')
        return issue.inclusive === false ? `Muss größer als ${n} sein` : `Mindestens ${n}`;
      return undefined;
    case 'too_big':
      if (issue.origin === 'string') return `Höchstens ${n} Zeichen`;
      if (issue.origin === 'array' || issue.origin === 'set') return `Höchstens ${n} Einträge`;
      if (issue.origin === 'number' || issue.origin === 'int')
        return issue.inclusive === false ? `Muss kleiner als ${n} sein` : `Höchstens ${n}`;
      return undefined;
    case 'invalid_format':
      if (issue.format === 'email') return 'Bitte eine gültige E-Mail-Adresse eingeben';
      if (issue.format === 'date') return 'Bitte ein Datum im Format JJJJ-MM-TT angeben';
      if (issue.format === 'datetime') return 'Bitte einen Zeitpunkt im ISO-Format angeben';
      return undefined;
    case 'unrecognized_keys':
      return issue.keys && issue.keys.length > 1
        ? `Unbekannte Felder: ${issue.keys.join(', ')}`
        : `Unbekanntes Feld: ${issue.keys?.[0] ?? ''}`;
    case 'invalid_value':
      return issue.values?.length
        ? `Bitte einen dieser Werte wählen: ${issue.values.map(String).join(', ')}`
        : undefined;
    default:
      return undefined;
  }
}

const errorMaps = {
  en: zodLocales.en.localeError,
  de: (issue: RawIssue) =>
    deskGerman(issue) ?? (zodLocales.de.localeError as (i: RawIssue) => unknown)(issue),
} as Record<Language, typeof zodLocales.en.localeError>;

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
  const result = safeParse(schema, data, { error: errorMaps[language] });
  if (result.success) return undefined;
  return result.error.issues.map((issue) => ({
    path: issue.path.map(String),
    message: ownMessages.get(issue.message)?.[language] ?? issue.message,
  }));
}
