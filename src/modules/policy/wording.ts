import type { Language } from '../../platform/http/language';
import type { Role } from '../../platform/roles';
import type { Basis, Category, ReturnWindow } from './policy.schemas';

// The words the explanations and the policy page share, so both say a thing the same way.

export type Lang = Language;
/** Something said in both languages. */
export interface Bilingual {
  de: string;
  en: string;
}

/** A category's name as a heading or label ("Digitale Inhalte") and inside a sentence ("für digitale Inhalte"). */
export interface CategoryWords extends Bilingual {
  inText: Bilingual;
}

const categoryWords = (de: string, en: string, deInText = de): CategoryWords => ({
  de,
  en,
  inText: { de: deInText, en: en.toLowerCase() },
});

export const CATEGORY_WORDS: Record<Category, CategoryWords> = {
  subscription: categoryWords('Abonnements', 'Subscriptions'),
  digital: categoryWords('Digitale Inhalte', 'Digital content', 'digitale Inhalte'),
  physical: categoryWords('Waren', 'Physical goods'),
  service: categoryWords('Dienstleistungen', 'Services'),
};

const listFormats: Record<Lang, Intl.ListFormat> = {
  de: new Intl.ListFormat('de-DE', { type: 'conjunction' }),
  en: new Intl.ListFormat('en-GB', { type: 'conjunction' }),
};

/** "A, B und C"; "A, B and C". */
export function listText(items: string[], lang: Lang): string {
  return listFormats[lang].format(items);
}

export const BASIS_LABEL: Record<Basis, Bilingual> = {
  withdrawal: { de: 'Widerrufsrecht', en: 'right of withdrawal' },
  guarantee: { de: 'Geld-zurück-Garantie', en: 'money-back guarantee' },
  return_window: { de: 'Rückgabefenster', en: 'return window' },
  defect: { de: 'Gewährleistung (Mangel)', en: 'warranty (defect)' },
  pro_rata: { de: 'anteilige Erstattung', en: 'pro-rata refund' },
  goodwill: { de: 'Kulanz', en: 'goodwill' },
};

export const ROLE_LABEL: Record<Role, Bilingual> = {
  agent: { de: 'Agent', en: 'agent' },
  lead: { de: 'Teamleitung', en: 'lead' },
  admin: { de: 'Admin', en: 'admin' },
};

/** What a period is counted from, as the noun a sentence starts with. */
export type CountedFrom = 'purchase' | 'payment' | 'delivery' | 'signup';
export const FROM_LABEL: Record<CountedFrom, Bilingual> = {
  purchase: { de: 'Kauf', en: 'purchase' },
  payment: { de: 'Zahlung', en: 'payment' },
  delivery: { de: 'Lieferung', en: 'delivery' },
  signup: { de: 'Anmeldung', en: 'signup' },
};

/** "1 Tag", "9 Tage": a number and its noun in singular or plural. */
export function count(n: number, one: string, many: string): string {
  return `${n} ${Math.abs(n) === 1 ? one : many}`;
}

export const dayCount = (n: number, lang: Lang) =>
  lang === 'de' ? count(n, 'Tag', 'Tage') : count(n, 'day', 'days');
/** German after "seit" and "von": "seit 6 Tagen". */
export const tageDative = (n: number) => count(n, 'Tag', 'Tagen');
/** German after "von" and "seit": "von 24 Monaten"; English "24 months". */
export const monthCountDative = (n: number, lang: Lang) =>
  lang === 'de' ? count(n, 'Monat', 'Monaten') : count(n, 'month', 'months');

/** A signed number of points: +15, -15, 0. */
export function pointsText(points: number, lang: Lang): string {
  const sign = points > 0 ? '+' : '';
  return sign + (lang === 'de' ? count(points, 'Punkt', 'Punkte') : count(points, 'point', 'points'));
}

const dayFormats: Record<Lang, Intl.DateTimeFormat> = {
  de: new Intl.DateTimeFormat('de-DE', {
    timeZone: 'UTC',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' }),
};

/** A business date (YYYY-MM-DD) as people read it: 01.03.2026, 1 March 2026. */
export function dayText(date: string, lang: Lang): string {
  return dayFormats[lang].format(new Date(`${date}T00:00:00Z`));
}

const percentFormats: Record<Lang, Intl.NumberFormat> = {
  de: new Intl.NumberFormat('de-DE', { style: 'percent', maximumFractionDigits: 2 }),
  en: new Intl.NumberFormat('en-GB', { style: 'percent', maximumFractionDigits: 2 }),
};

/** Basis points as a percentage: 10 %, 12,5 %; 10%, 12.5%. */
export function percentText(bps: number, lang: Lang): string {
  return percentFormats[lang].format(bps / 10_000);
}

/** 1st, 2nd, 3rd, 4th, 11th, 21st. */
export function ordinalEn(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? 'th' : (({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/** What a return window counts from, in words: a subscription's "purchase" is each payment. */
export function windowFrom(category: Category, window: ReturnWindow): CountedFrom {
  return category === 'subscription' && window.from === 'purchase' ? 'payment' : window.from;
}
