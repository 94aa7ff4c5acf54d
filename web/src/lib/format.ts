import i18n from 'i18next';

const locale = () => (i18n.language === 'en' ? 'en-GB' : 'de-DE');

export function money(minor: number, currency = 'EUR'): string {
  return new Intl.NumberFormat(locale(), { style: 'currency', currency }).format(minor / 100);
}

export function dateTime(value: string | null | undefined): string {
  if (!value) return '–';
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(value),
  );
}

export function date(value: string | null | undefined): string {
  if (!value) return '–';
  const d = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00Z`) : new Date(value);
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium' }).format(d);
}

export function time(value: string | null | undefined): string {
  if (!value) return '–';
  return new Intl.DateTimeFormat(locale(), { timeStyle: 'short' }).format(new Date(value));
}

/**
 * For a query's refetchInterval: reload just after a lock or deadline passes, so a screen that
 * shows "locked until 14:32" clears itself at 14:32 instead of waiting for the next click.
 */
export function refetchWhenPassed(until: string | null | undefined): number | false {
  if (!until) return false;
  const ms = new Date(until).getTime() - Date.now();
  return ms > 0 ? Math.min(ms + 1000, 2_147_483_647) : false;
}

/** Whole days from a calendar day (YYYY-MM-DD) to today, in the browser's time zone; 0 when today or later. */
export function daysSince(day: string, now = new Date()): number {
  const [y, m, d] = day.split('-').map(Number);
  const then = Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1);
  const today = Date.UTC(now.getFullYear(), now.getMonth(), now.getDate());
  return Math.max(0, Math.round((today - then) / 86_400_000));
}

/**
 * An amount typed in the UI language's notation ("1.234,56" in German, "1,234.56" in English; a
 * currency sign and spaces are ignored) in minor units, or null when it is not an amount.
 */
export function parseAmount(text: string, lang = i18n.language): number | null {
  const [group, decimal] = lang === 'en' ? [',', '\\.'] : ['\\.', ','];
  const plain = text.replace(/[\s€]/g, '');
  const shape = new RegExp(`^(\\d+|\\d{1,3}(${group}\\d{3})+)(${decimal}\\d{1,2})?$`);
  if (!shape.test(plain)) return null;
  const [whole = '', cents = ''] = plain.split(lang === 'en' ? '.' : ',');
  return Number(whole.replace(/\D/g, '')) * 100 + Number(cents.padEnd(2, '0'));
}

/** A number in the UI language's notation ("1.234,5" in German, "1,234.5" in English), at most `digits` decimals. */
export function number(value: number | null | undefined, digits = 0): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  return new Intl.NumberFormat(locale(), { maximumFractionDigits: digits }).format(value);
}

/** A share between 0 and 1 as a percentage in the UI language ("8,3 %" in German, "8.3%" in English). */
export function percent(share: number | null | undefined, digits = 1): string {
  if (share === null || share === undefined || Number.isNaN(share)) return '–';
  return new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: digits }).format(share);
}

/** Hours with one decimal ("0,1 h" in German, "0.1 h" in English). */
export function hours(value: number | null | undefined): string {
  return value === null || value === undefined ? '–' : `${number(value, 1)} h`;
}
