// Refund facts for the policy's unit tests and its bench: one plain purchase to start from, and
// a deep merge to change what a test is about (lists are replaced, not merged).

import type { PolicyDocument, RefundFacts } from '../src/modules/policy';
import { DEFAULT_POLICY } from '../src/modules/policy';
import type { Money } from '../src/platform/money';

export const eur = (amountMinor: number): Money => ({ amountMinor, currency: 'EUR' });

type Patch<T> = {
  [K in keyof T]?: T[K] extends readonly unknown[]
    ? T[K]
    : T[K] extends object | null
      ? Patch<NonNullable<T[K]>> | null
      : T[K];
};

function merge<T>(base: T, patch: Patch<T> | undefined): T {
  if (patch === undefined) return base;
  if (
    patch === null ||
    typeof patch !== 'object' ||
    Array.isArray(patch) ||
    base === null ||
    typeof base !== 'object'
  )
    return patch as T;
  const out = { ...base } as Record<string, unknown>;
  for (const [key, value] of Object.entries(patch))
    out[key] = merge((base as Record<string, unknown>)[key], value as Patch<unknown>);
  return out as T;
}

/** 80 € of physical goods bought on 1 March 2026 at noon in Berlin, delivered on 3 March; a verified customer since 2024. */
export const PURCHASE: RefundFacts = {
  payment: {
    paid: eur(8000),
    alreadyRefunded: eur(0),
    category: 'physical',
    purchasedAt: '2026-03-01T12:00:00+01:00',
    deliveredAt: '2026-03-03T10:00:00+01:00',
    isDistanceContract: true,
    digitalDeliveryStartedWithConsent: false,
  },
  subscription: null,
  reasonCode: 'not_satisfied',
  customer: {
    customerSince: '2024-01-10T09:00:00+01:00',
    lifetimeValue: eur(50_000),
    verification: 'verified',
  },
  history: { refunds: [], requests: [], complaints: [] },
  requested: null,
};

/** The first monthly payment of 29 € of a subscription signed up for on 1 March 2026. */
export const FIRST_SUBSCRIPTION_PAYMENT: RefundFacts = merge(PURCHASE, {
  payment: {
    paid: eur(2900),
    category: 'subscription',
    purchasedAt: '2026-03-01T12:00:00+01:00',
    deliveredAt: null,
  },
  subscription: {
    signedUpAt: '2026-03-01T12:00:00+01:00',
    isFirstPayment: true,
    interval: 'monthly',
    period: { start: '2026-03-01', end: '2026-04-01' },
    cancelEffectiveOn: null,
    lastRenewedAt: null,
  },
});

/** Facts changed by a patch: `facts({ reasonCode: 'defect' })`, `facts({ payment: { paid: eur(100) } }, FIRST_SUBSCRIPTION_PAYMENT)`. */
export function facts(patch: Patch<RefundFacts> = {}, base: RefundFacts = PURCHASE): RefundFacts {
  return merge(base, patch);
}

/** The default policy changed by a patch. */
export function policy(patch: Patch<PolicyDocument> = {}): PolicyDocument {
  return merge(DEFAULT_POLICY, patch);
}

/** An instant given as Berlin wall-clock time, e.g. berlin('2026-03-31 23:30') (+01:00 in winter, +02:00 in summer). */
export function berlin(wallClock: string): Date {
  const [date, time = '12:00'] = wallClock.split(' ');
  for (const offset of ['+01:00', '+02:00']) {
    const at = new Date(`${date}T${time}:00${offset}`);
    const shown = new Intl.DateTimeFormat('sv-SE', {
      timeZone: 'Europe/Berlin',
      dateStyle: 'short',
      timeStyle: 'short',
    }).format(at);
    if (shown === `${date} ${time}`) return at;
  }
  throw new Error(`${wallClock} is no Berlin wall-clock time`);
}

/** The same instant as an ISO string, for facts. */
export const berlinIso = (wallClock: string) => berlin(wallClock).toISOString();
