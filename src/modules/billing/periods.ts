export type BillingCycle = 'monthly' | 'annual';

/**
 * A billing period as subscriptions store it (YYYY-MM-DD business dates): it runs from `start`
 * up to `end`, the day the next period starts — the renewal date, and the date a cancellation at
 * period end takes effect.
 */
export interface BillingPeriod {
  start: string;
  end: string;
}

function parseDate(date: string): { y: number; m: number; d: number } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const [y, m, d] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [0, 0, 0];
  if (!match || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m))
    throw new RangeError(`${date} is not a calendar date (YYYY-MM-DD)`);
  return { y, m, d };
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** `months` months after `date`, on the anchor day or the month's last day when it is shorter. */
function addMonthsOnAnchor(date: string, months: number, anchorDay: number): string {
  const { y, m } = parseDate(date);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const day = Math.min(anchorDay, daysInMonth(year, month));
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/**
 * The period after `period`: it starts when `period` ends and lasts one cycle, ending on the
 * subscription's anchor day — the day of the month it began on, or the month's last day when
 * the month is shorter (a subscription from 31 January renews on 28/29 February, then on
 * 31 March, not on the 28th ever after). The anchor is read from the period (the larger day of
 * its start and end: a month-end period keeps it, since one of two neighbouring months always
 * has the day); pass the first period's start as `anchor` where a leap day must survive
 * annual renewals in years without one.
 */
export function nextPeriod(period: BillingPeriod, cycle: BillingCycle, anchor?: string): BillingPeriod {
  const start = parseDate(period.start);
  const end = parseDate(period.end);
  if (period.end <= period.start)
    throw new RangeError(`period ${period.start}..${period.end} ends before it starts`);
  const anchorDay = anchor ? parseDate(anchor).d : Math.max(start.d, end.d);
  return { start: period.end, end: addMonthsOnAnchor(period.end, cycle === 'monthly' ? 1 : 12, anchorDay) };
}
