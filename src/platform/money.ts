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

/** Formats for people: 1.234,56 € in German, €1,234.56 in English. */
export function formatMoney(m: Money, locale: 'de' | 'en'): string {
  return new Intl.NumberFormat(locale === 'de' ? 'de-DE' : 'en-GB', {
    style: 'currency',
    currency: m.currency,
  }).format(m.amountMinor / 100);
}
