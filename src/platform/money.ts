/** Money is integer minor units plus an ISO currency; never a float. */
export interface Money {
  amountMinor: number;
  currency: string;
}

export function money(amountMinor: number, currency = 'EUR'): Money {
  if (!Number.isSafeInteger(amountMinor))
    throw new RangeError(`amountMinor must be an integer, got ${amountMinor}`);
  return { amountMinor, currency };
}

function sameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) throw new RangeError(`currency mismatch: ${a.currency} vs ${b.currency}`);
}

export function addMoney(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return money(a.amountMinor + b.amountMinor, a.currency);
}

export function subtractMoney(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return money(a.amountMinor - b.amountMinor, a.currency);
}

export function sumMoney(items: Money[], currency = 'EUR'): Money {
  return items.reduce((acc, m) => addMoney(acc, m), money(0, currency));
}

export function negateMoney(m: Money): Money {
  return money(m.amountMinor === 0 ? 0 : -m.amountMinor, m.currency);
}

/** -1, 0 or 1 as `a` is less than, equal to or greater than `b` (same currency only). */
export function compareMoney(a: Money, b: Money): -1 | 0 | 1 {
  sameCurrency(a, b);
  return a.amountMinor < b.amountMinor ? -1 : a.amountMinor > b.amountMinor ? 1 : 0;
}

export function minMoney(a: Money, b: Money): Money {
  return compareMoney(a, b) <= 0 ? a : b;
}

export function maxMoney(a: Money, b: Money): Money {
  return compareMoney(a, b) >= 0 ? a : b;
}

/**
 * `m` times `numerator / denominator`, rounded to the nearest minor unit (halves away from zero):
 * a share such as a fee in basis points (`scaleMoney(m, 1000, 10_000)` is 10 %) or the unused
 * part of a period. Exact for every safe amount, since the product is taken in BigInt.
 */
export function scaleMoney(m: Money, numerator: number, denominator: number): Money {
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator) || denominator <= 0)
    throw new RangeError(`cannot scale by ${numerator}/${denominator}`);
  const product = BigInt(m.amountMinor) * BigInt(numerator);
  const d = BigInt(denominator);
  const quotient = product / d;
  const rest = product % d;
  const away = 2n * (rest < 0n ? -rest : rest) >= d;
  return money(Number(away ? quotient + (product < 0n ? -1n : 1n) : quotient), m.currency);
}

/** How many `per`-parts of `whole` `part` is, rounded down: `moneyRatio(25 €, 100 €, 100)` is 25. */
export function moneyRatio(part: Money, whole: Money, per: number): number {
  sameCurrency(part, whole);
  if (whole.amountMinor <= 0) throw new RangeError(`cannot take a share of ${whole.amountMinor}`);
  const product = BigInt(part.amountMinor) * BigInt(per);
  const w = BigInt(whole.amountMinor);
  const quotient = product / w;
  return Number(product % w < 0n ? quotient - 1n : quotient);
}

export function isPositiveMoney(m: Money): boolean {
  return m.amountMinor > 0;
}

/**
 * Money from a database column: int8 arrives as a number on PGlite and through our pg parser,
 * as a string where no parser ran (sum(), numeric, a raw pg client) and as a JSON number inside
 * json aggregates. One path for all of them, and it refuses anything that is not a whole number
 * of minor units.
 */
export function moneyFromColumn(amountMinor: number | string | bigint, currency: string): Money {
  const n =
    typeof amountMinor === 'string' && !/^-?\d+$/.test(amountMinor) ? Number.NaN : Number(amountMinor);
  if (!Number.isSafeInteger(n))
    throw new RangeError(`amountMinor must be a safe integer, got ${String(amountMinor)}`);
  return money(n, currency);
}

// building a number format costs about 25 µs, formatting with one about 1 µs: one per locale and currency
const moneyFormats = new Map<string, Intl.NumberFormat>();

/** Formats for people: 1.234,56 € in German, €1,234.56 in English. */
export function formatMoney(m: Money, locale: 'de' | 'en'): string {
  const key = `${locale} ${m.currency}`;
  let format = moneyFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale === 'de' ? 'de-DE' : 'en-GB', {
      style: 'currency',
      currency: m.currency,
    });
    moneyFormats.set(key, format);
  }
  return format.format(m.amountMinor / 100);
}
