/** The only source of "now" in use cases, so tests can freeze or move time. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock tests can set and advance. */
export class ManualClock implements Clock {
  #now: Date;
  constructor(start: Date | string) {
    this.#now = new Date(start);
  }
  now(): Date {
    return new Date(this.#now);
  }
  set(to: Date | string): void {
    this.#now = new Date(to);
  }
  advance(ms: number): void {
    this.#now = new Date(this.#now.getTime() + ms);
  }
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** The calendar date (YYYY-MM-DD) of an instant in a time zone, e.g. the company's. */
export function businessDate(at: Date, timeZone: string): string {
  return formatterFor(
    DAY_FORMATS,
    timeZone,
    () => ({ year: 'numeric', month: '2-digit', day: '2-digit' }),
    'en-CA',
  ).format(at); // en-CA formats as YYYY-MM-DD
}

/**
 * One formatter per time zone and purpose, made once: building an Intl.DateTimeFormat costs
 * about a hundred times more than using one (the account view asked for one per request).
 */
const DAY_FORMATS = new Map<string, Intl.DateTimeFormat>();
const INSTANT_FORMATS = new Map<string, Intl.DateTimeFormat>();

function formatterFor(
  cache: Map<string, Intl.DateTimeFormat>,
  timeZone: string,
  options: () => Intl.DateTimeFormatOptions,
  locale: string,
): Intl.DateTimeFormat {
  let format = cache.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { ...options(), timeZone });
    cache.set(timeZone, format);
  }
  return format;
}

/** Adds whole days to a YYYY-MM-DD date, calendar-wise. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * Calendar days from one YYYY-MM-DD date to another, negative when `to` is earlier. Both are
 * business dates already, so a daylight-saving change in between cannot shift the count.
 */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);
}

/**
 * `months` calendar months after (or before) a YYYY-MM-DD date, on the same day of the month or
 * on the month's last day when it is shorter: 31 January + 1 is 28 (29) February.
 */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}

/**
 * The instant a calendar date (YYYY-MM-DD) begins in a time zone, e.g. the midnight at which
 * a cancellation "effective on" that date takes effect for the company. Daylight-saving aware.
 */
export function startOfBusinessDate(date: string, timeZone: string): Date {
  const utcMidnight = Date.parse(`${date}T00:00:00Z`);
  // the zone's offset is read at the guess and once more after moving there, which settles
  // the days on which the offset changes (never at midnight in the zones we serve)
  let guess = utcMidnight;
  for (let i = 0; i < 2; i++) guess = utcMidnight - zoneOffsetMs(new Date(guess), timeZone);
  return new Date(guess);
}

function zoneOffsetMs(at: Date, timeZone: string): number {
  const parts = formatterFor(
    INSTANT_FORMATS,
    timeZone,
    () => ({
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    }),
    'en-US',
  ).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}
