// Refund facts for the policy's unit tests and its bench: one plain purchase to start from, and
// a deep merge to change what a test is about (lists are replaced, not merged).

import { Rng } from '../src/demo/prng';
import type { Evaluation, PolicyDocument, RefundFacts, ScoreFactor } from '../src/modules/policy';
import { DEFAULT_POLICY, SCORE_FACTORS } from '../src/modules/policy';
import { addDays, addMonths } from '../src/platform/clock';
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

const NO_WEIGHTS = Object.fromEntries(SCORE_FACTORS.map((f) => [f, 0])) as Record<ScoreFactor, number>;

/** The default policy (changed by `patch`) with only these factors weighed, so a test picks the score. */
export function weighing(
  weights: Partial<Record<ScoreFactor, number>>,
  patch: Patch<PolicyDocument> = {},
): PolicyDocument {
  return policy({ ...patch, scoring: { ...patch.scoring, weights: { ...NO_WEIGHTS, ...weights } } });
}

/** Formatted amounts carry no-break and narrow no-break spaces; the tests read them as plain spaces. */
export const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

/** The German and English sentence of a finding, by its code (undefined when there is none). */
export function sentenceOf(result: Evaluation, code: string): [string, string] | undefined {
  const found = result.findings.find((f) => f.code === code);
  return found && [plain(found.de), plain(found.en)];
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

const DAY_MS = 86_400_000;
const REASONS = [...Object.keys(DEFAULT_POLICY.reasons), 'not_in_the_taxonomy'];
const BASES_ = ['withdrawal', 'guarantee', 'return_window', 'defect', 'pro_rata', 'goodwill'] as const;

function subscriptionFacts(rng: Rng, purchase: Date): RefundFacts['subscription'] {
  const isFirstPayment = rng.chance(0.4);
  const signedUpAt = isFirstPayment ? purchase : new Date(purchase.getTime() - rng.int(30, 1500) * DAY_MS);
  const interval = rng.pick(['monthly', 'annual'] as const);
  const start = purchase.toISOString().slice(0, 10);
  const end = addMonths(start, interval === 'annual' ? 12 : 1);
  const cancelEffectiveOn = rng.chance(0.4)
    ? addDays(start, rng.int(0, interval === 'annual' ? 365 : 28))
    : null;
  const lastRenewedAt = isFirstPayment ? null : purchase.toISOString();
  return {
    signedUpAt: signedUpAt.toISOString(),
    isFirstPayment,
    interval,
    period: { start, end },
    cancelEffectiveOn,
    lastRenewedAt,
  };
}

function historyFacts(rng: Rng, now: Date): RefundFacts['history'] {
  const ago = (maxDays: number) =>
    new Date(now.getTime() - rng.int(0, maxDays) * DAY_MS - rng.int(0, 86_399) * 1000).toISOString();
  return {
    refunds: Array.from({ length: rng.int(0, 5) }, () => ({
      at: ago(500),
      amount: eur(rng.int(100, 30_000)),
      basis: rng.pick(BASES_),
    })),
    requests: Array.from({ length: rng.int(0, 4) }, () => ({ at: ago(60) })),
    complaints: Array.from({ length: rng.int(0, 3) }, () => ({ at: ago(500) })),
  };
}

/**
 * `count` different requests evaluated at `now`: every category, purchases up to 900 days back (half
 * of them in the last 45 days),
 * partly refunded payments, subscriptions cancelled or not, histories with refunds, requests and
 * complaints, amounts asked for above and below what is refundable. The same seed, the same list.
 */
export function variedFacts(count: number, now: Date, seed = 7): RefundFacts[] {
  return Array.from({ length: count }, (_, i) => {
    const rng = Rng.for(seed, i, 0);
    const category = rng.pick(['subscription', 'digital', 'physical', 'service'] as const);
    const paid = rng.int(500, 300_000);
    // half of the requests come within the first weeks, where the windows and the guarantee decide
    const age = rng.chance(0.5) ? rng.int(0, 45) : rng.int(0, 900);
    const purchase = new Date(now.getTime() - age * DAY_MS - rng.int(0, 86_399) * 1000);
    const delivered =
      category !== 'subscription' && rng.chance(category === 'physical' ? 0.9 : 0.5)
        ? new Date(purchase.getTime() + rng.int(0, 10) * DAY_MS).toISOString()
        : null;
    return {
      payment: {
        paid: eur(paid),
        alreadyRefunded: eur(rng.chance(0.2) ? rng.int(0, paid) : 0),
        category,
        purchasedAt: purchase.toISOString(),
        deliveredAt: delivered,
        isDistanceContract: rng.chance(0.9),
        digitalDeliveryStartedWithConsent: category === 'digital' && rng.chance(0.6),
      },
      subscription: category === 'subscription' ? subscriptionFacts(rng, purchase) : null,
      reasonCode: rng.pick(REASONS),
      customer: {
        customerSince: new Date(purchase.getTime() - rng.int(0, 2000) * DAY_MS).toISOString(),
        lifetimeValue: eur(rng.int(0, 500_000)),
        verification: rng.pick([
          'verified',
          'verified',
          'verified',
          'override',
          'expired',
          'unverified',
        ] as const),
      },
      history: historyFacts(rng, now),
      requested: rng.chance(0.5) ? null : eur(rng.int(0, Math.round(paid * 1.2))),
    };
  });
}
