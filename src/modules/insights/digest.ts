// The leads' weekly digest: the last calendar week's numbers against the four weeks before it,
// and the changes worth a look. Pure: figures in, digest out, digest in, e-mail text out.
import { addDays } from '../../platform/clock';
import { formatMoney, money } from '../../platform/money';
import type { CancellationWeek } from '../cancellations';
import type { RefundWeek } from '../refunds';
import type { SurveyWeek } from '../surveys';

export type Language = 'de' | 'en';

export const DIGEST_METRICS = [
  'refundRequests',
  'exceptions',
  'approved',
  'denied',
  'paidOut',
  'medianHoursToDecision',
  'cancellations',
  'retained',
  'saveRate',
  'surveyAnswers',
  'averageRating',
  'lowRatings',
] as const;
export type DigestMetricKey = (typeof DIGEST_METRICS)[number];
type Unit = 'count' | 'money' | 'hours' | 'rating' | 'share';

const UNITS: Record<DigestMetricKey, Unit> = {
  refundRequests: 'count',
  exceptions: 'count',
  approved: 'count',
  denied: 'count',
  paidOut: 'money',
  medianHoursToDecision: 'hours',
  cancellations: 'count',
  retained: 'count',
  saveRate: 'share',
  surveyAnswers: 'count',
  averageRating: 'rating',
  lowRatings: 'count',
};

export interface DigestMetric {
  key: DigestMetricKey;
  unit: Unit;
  /** This week's value (null: nothing to measure, e.g. no decisions to time). */
  value: number | null;
  /** The mean of the four weeks before (counts include empty weeks; averages only weeks with a value). */
  baseline: number | null;
  /** (value − baseline) / baseline, null when either is missing or the baseline is 0. */
  change: number | null;
}

export interface DigestChange {
  kind: 'metric' | 'reason';
  /** The metric's key or the refund reason's code. */
  key: string;
  value: number;
  baseline: number;
  change: number;
}

export interface WeeklyDigest {
  /** Monday and Sunday of the week reported (business dates). */
  weekStart: string;
  weekEnd: string;
  isoWeek: number;
  currency: string;
  metrics: DigestMetric[];
  /** Up to five changes of at least 25 % on a base big enough to mean something, largest first. */
  topChanges: DigestChange[];
}

export interface WeekFigures {
  refunds: Map<string, RefundWeek>;
  cancellations: Map<string, CancellationWeek>;
  surveys: Map<string, SurveyWeek>;
}

/** Counts below this (this week and on average before) are noise, not a change. */
const MIN_BASE = 5;
const MIN_CHANGE = 0.25;
const MAX_CHANGES = 5;

/** The Monday of the week a business date falls in. */
export function mondayOf(date: string): string {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay(); // 0 Sunday … 6 Saturday
  return addDays(date, -((day + 6) % 7));
}

/** The last calendar week that has ended by `today` (its Monday). */
export function lastCompleteWeek(today: string): string {
  return addDays(mondayOf(today), -7);
}

/** ISO 8601 week number of the week starting on this Monday. */
export function isoWeekNumber(monday: string): number {
  const thursday = new Date(`${addDays(monday, 3)}T00:00:00Z`);
  const jan1 = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  return Math.floor((thursday.getTime() - jan1) / 86_400_000 / 7) + 1;
}

/** This week's value of each metric, read from the figures of one week. */
function valuesOf(week: string, f: WeekFigures, currency: string): Record<DigestMetricKey, number | null> {
  const r = f.refunds.get(week);
  const c = f.cancellations.get(week);
  const s = f.surveys.get(week);
  const decided = (c?.cancelled ?? 0) + (c?.retained ?? 0);
  return {
    refundRequests: r?.requests ?? 0,
    exceptions: r?.exceptions ?? 0,
    approved: r?.approved ?? 0,
    denied: r?.denied ?? 0,
    paidOut: r?.paidOut.find((m) => m.currency === currency)?.amountMinor ?? 0,
    medianHoursToDecision: r?.medianHoursToDecision ?? null,
    cancellations: c?.cancelled ?? 0,
    retained: c?.retained ?? 0,
    saveRate: decided > 0 ? (c?.retained ?? 0) / decided : null,
    surveyAnswers: s?.answers ?? 0,
    averageRating: s?.average ?? null,
    lowRatings: s?.low ?? 0,
  };
}

function mean(values: Array<number | null>, unit: Unit): number | null {
  // a count of an empty week is 0; an average of an empty week is no value
  const present =
    unit === 'count' || unit === 'money' ? values.map((v) => v ?? 0) : values.filter((v) => v !== null);
  if (present.length === 0) return null;
  return (present as number[]).reduce((a, b) => a + b, 0) / present.length;
}

const relative = (value: number | null, baseline: number | null) =>
  value === null || baseline === null || baseline === 0 ? null : (value - baseline) / baseline;

/** Whether a change is big enough, on a base big enough, to be worth a lead's attention. */
function notable(m: { unit: Unit; value: number | null; baseline: number | null; change: number | null }) {
  if (m.change === null || m.value === null || m.baseline === null) return false;
  if (Math.abs(m.change) < MIN_CHANGE) return false;
  if (m.unit === 'count') return Math.max(m.value, m.baseline) >= MIN_BASE;
  if (m.unit === 'money') return Math.max(m.value, m.baseline) >= 100_00;
  return true;
}

/** The digest of the week starting `weekStart` from the figures of it and the four weeks before. */
export function buildDigest(weekStart: string, figures: WeekFigures, currency = 'EUR'): WeeklyDigest {
  const before = [1, 2, 3, 4].map((n) => addDays(weekStart, -7 * n));
  const now = valuesOf(weekStart, figures, currency);
  const then = before.map((w) => valuesOf(w, figures, currency));
  const metrics = DIGEST_METRICS.map((key): DigestMetric => {
    const unit = UNITS[key];
    const baseline = mean(
      then.map((v) => v[key]),
      unit,
    );
    return { key, unit, value: now[key], baseline, change: relative(now[key], baseline) };
  });
  const changes: DigestChange[] = metrics.filter(notable).map((m) => ({
    kind: 'metric',
    key: m.key,
    value: m.value!,
    baseline: m.baseline!,
    change: m.change!,
  }));
  changes.push(...reasonChanges(weekStart, before, figures));
  // largest first; on a tie the metric before the reason that explains it
  changes.sort(
    (a, b) =>
      Math.abs(b.change) - Math.abs(a.change) || a.kind.localeCompare(b.kind) || a.key.localeCompare(b.key),
  );
  return {
    weekStart,
    weekEnd: addDays(weekStart, 6),
    isoWeek: isoWeekNumber(weekStart),
    currency,
    metrics,
    topChanges: changes.slice(0, MAX_CHANGES),
  };
}

/** Refund reasons whose requests rose or fell notably (a reason that spikes). */
function reasonChanges(weekStart: string, before: string[], figures: WeekFigures): DigestChange[] {
  const thisWeek = figures.refunds.get(weekStart)?.byReason ?? {};
  const codes = new Set([
    ...Object.keys(thisWeek),
    ...before.flatMap((w) => Object.keys(figures.refunds.get(w)?.byReason ?? {})),
  ]);
  const out: DigestChange[] = [];
  for (const code of codes) {
    const value = thisWeek[code] ?? 0;
    const baseline = before.reduce((sum, w) => sum + (figures.refunds.get(w)?.byReason[code] ?? 0), 0) / 4;
    const change = relative(value, baseline);
    if (notable({ unit: 'count', value, baseline, change }))
      out.push({ kind: 'reason', key: code, value, baseline, change: change! });
  }
  return out;
}

// ---- the e-mail ----------------------------------------------------------------------------------

const LABELS: Record<DigestMetricKey, Record<Language, string>> = {
  refundRequests: { de: 'Erstattungsanträge', en: 'Refund requests' },
  exceptions: { de: 'davon Ausnahmen', en: 'of which exceptions' },
  approved: { de: 'Genehmigt', en: 'Approved' },
  denied: { de: 'Abgelehnt', en: 'Denied' },
  paidOut: { de: 'Ausgezahlt', en: 'Paid out' },
  medianHoursToDecision: { de: 'Zeit bis zur Entscheidung (Median)', en: 'Time to decision (median)' },
  cancellations: { de: 'Kündigungen', en: 'Cancellations' },
  retained: { de: 'Durch Angebot gehalten', en: 'Kept by an offer' },
  saveRate: { de: 'Halterate', en: 'Save rate' },
  surveyAnswers: { de: 'Umfrageantworten', en: 'Survey answers' },
  averageRating: { de: 'Zufriedenheit (Ø Sterne)', en: 'Satisfaction (avg. stars)' },
  lowRatings: { de: 'Bewertungen mit 1–2 Sternen', en: 'Ratings of 1–2 stars' },
};

const WORDS = {
  de: {
    subject: (d: WeeklyDigest, span: string) => `Wochenbericht KW ${d.isoWeek} (${span})`,
    hello: (name: string) => `Hallo ${name},`,
    intro: (span: string) =>
      `hier sind die Zahlen der Woche ${span} im Vergleich zum Schnitt der vier Wochen davor.`,
    columns: ['Kennzahl', 'Diese Woche', 'Ø 4 Wochen davor', 'Veränderung'],
    changes: 'Was sich verändert hat',
    noChanges: 'Keine auffälligen Veränderungen gegenüber den vier Wochen davor.',
    reason: (label: string) => `Erstattungsgrund „${label}“`,
    instead: (v: string, b: string) => `${v} statt Ø ${b}`,
    dashboard: 'Alle Zahlen und die Fälle dahinter im Dashboard:',
    hours: (h: string) => `${h} Std.`,
    signOff: 'Ihr kulanz',
  },
  en: {
    subject: (d: WeeklyDigest, span: string) => `Weekly digest, week ${d.isoWeek} (${span})`,
    hello: (name: string) => `Hello ${name},`,
    intro: (span: string) =>
      `here are the numbers of the week ${span} against the average of the four weeks before.`,
    columns: ['Metric', 'This week', 'Avg. 4 weeks before', 'Change'],
    changes: 'What changed',
    noChanges: 'No notable changes against the four weeks before.',
    reason: (label: string) => `Refund reason “${label}”`,
    instead: (v: string, b: string) => `${v} against an average of ${b}`,
    dashboard: 'Every number and the cases behind it in the dashboard:',
    hours: (h: string) => `${h} h`,
    signOff: 'kulanz',
  },
} as const;

function span(d: WeeklyDigest, language: Language): string {
  const fmt = (date: string, withYear: boolean) =>
    new Intl.DateTimeFormat(language === 'de' ? 'de-DE' : 'en-GB', {
      day: language === 'de' ? '2-digit' : 'numeric',
      month: language === 'de' ? '2-digit' : 'short',
      ...(withYear ? { year: 'numeric' } : {}),
      timeZone: 'UTC',
    }).format(new Date(`${date}T00:00:00Z`));
  return `${fmt(d.weekStart, false)} – ${fmt(d.weekEnd, true)}`;
}

function formatValue(m: { unit: Unit; value: number | null }, language: Language, currency: string): string {
  if (m.value === null) return '–';
  const locale = language === 'de' ? 'de-DE' : 'en-GB';
  const number = (v: number, digits: number) =>
    new Intl.NumberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(v);
  switch (m.unit) {
    case 'count':
      return number(m.value, 1);
    case 'money':
      return formatMoney(money(Math.round(m.value), currency), language);
    case 'hours':
      return WORDS[language].hours(number(m.value, 1));
    case 'rating':
      return number(m.value, 1);
    case 'share':
      return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(m.value);
  }
}

function formatChange(change: number | null, language: Language): string {
  if (change === null) return '–';
  const pct = new Intl.NumberFormat(language === 'de' ? 'de-DE' : 'en-GB', {
    style: 'percent',
    maximumFractionDigits: 0,
    signDisplay: 'exceptZero',
  }).format(change);
  return pct;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export interface RenderedDigest {
  subject: string;
  text: string;
  html: string;
}

/**
 * The digest as an e-mail to one lead, in their language. `reasonLabel` names a refund reason
 * (the policy's wording); `dashboardUrl` links to the dashboard on that week, when kulanz knows
 * its public address.
 */
export function renderDigest(
  d: WeeklyDigest,
  to: { name: string; language: Language },
  reasonLabel: (code: string, language: Language) => string,
  dashboardUrl: string | null,
): RenderedDigest {
  const w = WORDS[to.language];
  const when = span(d, to.language);
  const rows = d.metrics.map((m) => [
    LABELS[m.key][to.language],
    formatValue(m, to.language, d.currency),
    formatValue({ unit: m.unit, value: m.baseline }, to.language, d.currency),
    formatChange(m.change, to.language),
  ]);
  const changes = d.topChanges.map((c) => {
    const unit = c.kind === 'reason' ? 'count' : UNITS[c.key as DigestMetricKey];
    const label =
      c.kind === 'reason'
        ? w.reason(reasonLabel(c.key, to.language))
        : LABELS[c.key as DigestMetricKey][to.language];
    const v = formatValue({ unit, value: c.value }, to.language, d.currency);
    const b = formatValue({ unit, value: c.baseline }, to.language, d.currency);
    return `${label}: ${formatChange(c.change, to.language)} (${w.instead(v, b)})`;
  });
  const subject = w.subject(d, when);
  const widths = w.columns.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const text = [
    w.hello(to.name),
    '',
    w.intro(when),
    '',
    line(w.columns),
    ...rows.map(line),
    '',
    `${w.changes}:`,
    ...(changes.length ? changes.map((c) => `- ${c}`) : [w.noChanges]),
    ...(dashboardUrl ? ['', w.dashboard, dashboardUrl] : []),
    '',
    w.signOff,
  ].join('\n');
  const cell = (tag: 'td' | 'th', c: string, i: number) =>
    `<${tag} style="padding:4px 8px;text-align:${i === 0 ? 'left' : 'right'}">${escapeHtml(c)}</${tag}>`;
  const html = [
    `<p>${escapeHtml(w.hello(to.name))}</p>`,
    `<p>${escapeHtml(w.intro(when))}</p>`,
    '<table style="border-collapse:collapse">',
    `<thead><tr>${w.columns.map((c, i) => cell('th', c, i)).join('')}</tr></thead>`,
    `<tbody>${rows.map((r) => `<tr>${r.map((c, i) => cell('td', c, i)).join('')}</tr>`).join('')}</tbody>`,
    '</table>',
    `<h3>${escapeHtml(w.changes)}</h3>`,
    changes.length
      ? `<ul>${changes.map((c) => `<li>${escapeHtml(c)}</li>`).join('')}</ul>`
      : `<p>${escapeHtml(w.noChanges)}</p>`,
    ...(dashboardUrl
      ? [
          `<p>${escapeHtml(w.dashboard)} <a href="${escapeHtml(dashboardUrl)}">${escapeHtml(dashboardUrl)}</a></p>`,
        ]
      : []),
    `<p>${escapeHtml(w.signOff)}</p>`,
  ].join('\n');
  return { subject, text, html };
}
