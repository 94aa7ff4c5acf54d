import { isIPv6 } from 'node:net';
import { MINUTE } from '../../platform/clock';

/** Failed logins are counted over this window. */
export const LOGIN_WINDOW_MS = 15 * MINUTE;
/** Failures for one e-mail from one source before that source is refused for that e-mail. */
export const MAX_FAILED_LOGINS = 5;
/**
 * Failures from one source across all e-mails before the source is refused for every e-mail:
 * generous, so that an office behind one address is not stopped by its own typos, and still a
 * bound on guessing many accounts from one place.
 */
export const MAX_FAILED_LOGINS_PER_SOURCE = 50;

/**
 * Where a login comes from, as the throttle counts it: an IPv4 address as it is (also when written
 * IPv4-mapped, ::ffff:a.b.c.d), an IPv6 address by its /64, because one subscriber usually holds a
 * whole /64 and could otherwise take a fresh address for every guess.
 */
export function loginSourceOf(ip: string | null): string {
  if (!ip) return '';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (!isIPv6(ip)) return ip;
  return `${expandIPv6(ip).slice(0, 4).join(':')}::/64`;
}

function expandIPv6(ip: string): string[] {
  const [head = '', tail] = ip.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups =
    tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
  return groups.map((g) => (g.includes('.') ? g : Number.parseInt(g || '0', 16).toString(16)));
}

/** The start of the window whose failures count at `now`. */
export function loginWindowStart(now: Date): Date {
  return new Date(now.getTime() - LOGIN_WINDOW_MS);
}
