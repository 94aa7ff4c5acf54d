import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/** E.164 of a phone number in any common notation; numbers without a country code are read as German. */
export function normalizePhone(
  input: string,
  defaultRegion: 'DE' | 'GB' | 'AT' | 'CH' = 'DE',
): string | null {
  const cleaned = input.trim().replace(/^00/, '+');
  if (!/\d{4,}/.test(cleaned.replace(/\D/g, ''))) return null;
  const parsed = parsePhoneNumberFromString(cleaned, defaultRegion);
  if (!parsed?.isPossible()) return null;
  return parsed.number;
}

/** E-mail addresses compare case-insensitively (and without surrounding space). */
export function normalizeEmail(input: string): string {
  return input.trim().toLowerCase();
}

export function looksLikeEmail(input: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(input.trim());
}

const FOLD: Record<string, string> = {
  ä: 'ae',
  ö: 'oe',
  ü: 'ue',
  ß: 'ss',
  æ: 'ae',
  ø: 'oe',
  œ: 'oe',
  å: 'aa',
};

/**
 * Folds a name for comparison and fuzzy search: lower case, German umlauts spelled out
 * (Müller → mueller, so both spellings meet), other accents dropped, punctuation and
 * repeated spaces removed.
 */
export function foldName(input: string): string {
  return input
    .toLowerCase()
    .replace(/[äöüßæøœå]/g, (c) => FOLD[c] ?? c)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Free-text secrets (security answers, postal codes, ID digits) compare without case or spacing. */
export function normalizeSecretText(input: string): string {
  return foldName(input).replace(/\s+/g, '');
}

const MONTHS: Record<string, number> = {
  jan: 1,
  januar: 1,
  january: 1,
  jaenner: 1,
  feb: 2,
  februar: 2,
  february: 2,
  mar: 3,
  maer: 3,
  maerz: 3,
  march: 3,
  apr: 4,
  april: 4,
  mai: 5,
  may: 5,
  jun: 6,
  juni: 6,
  june: 6,
  jul: 7,
  juli: 7,
  july: 7,
  aug: 8,
  august: 8,
  sep: 9,
  sept: 9,
  september: 9,
  okt: 10,
  oct: 10,
  oktober: 10,
  october: 10,
  nov: 11,
  november: 11,
  dez: 12,
  dec: 12,
  dezember: 12,
  december: 12,
};

function isoDate(y: number, m: number, d: number): string | null {
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * Reads a date of birth as people say or type it: 1980-03-07, 07.03.1980, 7/3/1980 (day first,
 * as in Germany and the UK), 7. März 1980, 7 March 1980. Returns YYYY-MM-DD or null.
 */
export function normalizeDate(input: string): string | null {
  const s = foldName(input);
  let m = /^(\d{4}) (\d{1,2}) (\d{1,2})$/.exec(s);
  if (m) return isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2}) (\d{1,2}) (\d{4})$/.exec(s);
  if (m) return isoDate(Number(m[3]), Number(m[2]), Number(m[1]));
  m = /^(\d{1,2}) ([a-z]+) (\d{4})$/.exec(s);
  if (m) {
    const month = MONTHS[m[2]!];
    return month ? isoDate(Number(m[3]), month, Number(m[1])) : null;
  }
  m = /^([a-z]+) (\d{1,2}) (\d{4})$/.exec(s);
  if (m) {
    const month = MONTHS[m[1]!];
    return month ? isoDate(Number(m[3]), month, Number(m[2])) : null;
  }
  m = /^(\d{2})(\d{2})(\d{4})$/.exec(s.replace(/\s/g, ''));
  if (m) return isoDate(Number(m[3]), Number(m[2]), Number(m[1]));
  return null;
}
