import { describe, expect, it } from 'vitest';
import {
  berlin,
  berlinIso,
  eur,
  FIRST_SUBSCRIPTION_PAYMENT,
  facts,
  PURCHASE,
  policy,
} from '../../../test/policy-facts';
import { DEFAULT_POLICY } from './default-policy';
import { evaluate } from './evaluate';
import type { RefundFacts } from './evaluation.schemas';

const noon = (day: string) => berlin(`${day} 12:00`);

/** The payment of 29 € that renewed the subscription on 1 April 2026. */
const RENEWAL = facts(
  {
    payment: { purchasedAt: '2026-04-01T09:00:00+02:00' },
    subscription: {
      ...FIRST_SUBSCRIPTION_PAYMENT.subscription!,
      isFirstPayment: false,
      period: { start: '2026-04-01', end: '2026-05-01' },
      lastRenewedAt: '2026-04-01T09:00:00+02:00',
    },
  },
  FIRST_SUBSCRIPTION_PAYMENT,
);

/** 120 € for the year 2026 of an annual plan signed up for in 2024, cancelled to take effect on 15 July. */
const ANNUAL = facts(
  {
    payment: { paid: eur(12_000), purchasedAt: '2026-01-01T10:00:00+01:00' },
    subscription: {
      signedUpAt: '2024-01-01T10:00:00+01:00',
      isFirstPayment: false,
      interval: 'annual',
      period: { start: '2026-01-01', end: '2027-01-01' },
      cancelEffectiveOn: '2026-07-15',
      lastRenewedAt: '2026-01-01T10:00:00+01:00',
    },
  },
  FIRST_SUBSCRIPTION_PAYMENT,
);

describe('the basis a refund rests on', () => {
  it.each<[string, RefundFacts, string, string, number, number]>([
    ['withdrawal on day 14 after delivery', PURCHASE, '2026-03-17', 'withdrawal', 8000, 0],
    [
      'the return window on day 15, less the restocking fee',
      PURCHASE,
      '2026-03-18',
      'return_window',
      7200,
      800,
    ],
    [
      'the return window on its last day, day 30 after delivery',
      PURCHASE,
      '2026-04-02',
      'return_window',
      7200,
      800,
    ],
    ['goodwill on day 31 after delivery', PURCHASE, '2026-04-03', 'goodwill', 8000, 0],
    [
      'withdrawal while the goods are not delivered',
      facts({ payment: { deliveredAt: null } }),
      '2026-06-01',
      'withdrawal',
      8000,
      0,
    ],
    [
      'the return window when it was no distance contract',
      facts({ payment: { isDistanceContract: false } }),
      '2026-03-08',
      'return_window',
      7200,
      800,
    ],
    [
      'withdrawal for digital content not yet delivered',
      facts({ payment: { category: 'digital', deliveredAt: null } }),
      '2026-03-05',
      'withdrawal',
      8000,
      0,
    ],
    [
      'goodwill for digital content delivered with consent',
      facts({ payment: { category: 'digital', digitalDeliveryStartedWithConsent: true } }),
      '2026-03-05',
      'goodwill',
      8000,
      0,
    ],
    [
      'withdrawal on day 10 after signup (it ties with the guarantee and comes first)',
      FIRST_SUBSCRIPTION_PAYMENT,
      '2026-03-11',
      'withdrawal',
      2900,
      0,
    ],
    ['the guarantee on day 20 after signup', FIRST_SUBSCRIPTION_PAYMENT, '2026-03-21', 'guarantee', 2900, 0],
    ['the guarantee on its last day, day 30', FIRST_SUBSCRIPTION_PAYMENT, '2026-03-31', 'guarantee', 2900, 0],
    ['goodwill on day 31 after signup', FIRST_SUBSCRIPTION_PAYMENT, '2026-04-01', 'goodwill', 2900, 0],
    [
      'the return window for a renewal paid 4 days ago (no withdrawal, no guarantee)',
      RENEWAL,
      '2026-04-05',
      'return_window',
      2900,
      0,
    ],
    ['goodwill for a renewal paid 8 days ago', RENEWAL, '2026-04-09', 'goodwill', 2900, 0],
    [
      'a defect in month 23 of the warranty',
      facts({ reasonCode: 'defect' }),
      '2028-02-01',
      'defect',
      8000,
      0,
    ],
    [
      'a defect on the warranty’s last day',
      facts({ reasonCode: 'not_as_described' }),
      '2028-03-03',
      'defect',
      8000,
      0,
    ],
    [
      'goodwill for a defect the day after the warranty',
      facts({ reasonCode: 'defect' }),
      '2028-03-04',
      'goodwill',
      8000,
      0,
    ],
    [
      'a defect over the return window, since it refunds without the fee',
      facts({ reasonCode: 'defect' }),
      '2026-03-23',
      'defect',
      8000,
      0,
    ],
    ['goodwill for no defect after the window', PURCHASE, '2026-09-19', 'goodwill', 8000, 0],
    [
      'pro rata: 5 unused whole months of 12 of a cancelled annual plan',
      ANNUAL,
      '2026-07-15',
      'pro_rata',
      5000,
      0,
    ],
    [
      'pro rata capped by what is left of the payment',
      facts({ payment: { alreadyRefunded: eur(10_000) } }, ANNUAL),
      '2026-07-15',
      'pro_rata',
      2000,
      0,
    ],
    [
      'goodwill for an annual plan that is not cancelled',
      facts({ subscription: { cancelEffectiveOn: null } }, ANNUAL),
      '2026-07-15',
      'goodwill',
      12_000,
      0,
    ],
    [
      'goodwill for a cancellation at the end of the paid year',
      facts({ subscription: { cancelEffectiveOn: '2027-01-01' } }, ANNUAL),
      '2026-07-15',
      'goodwill',
      12_000,
      0,
    ],
    [
      'goodwill for a cancelled monthly plan (pro rata is for annual plans)',
      facts({ subscription: { interval: 'monthly', cancelEffectiveOn: '2026-04-15' } }, RENEWAL),
      '2026-04-20',
      'goodwill',
      2900,
      0,
    ],
  ])('is %s', (_, input, day, basis, maxMinor, feeMinor) => {
    const result = evaluate(input, DEFAULT_POLICY, noon(day));
    expect(result.basis).toBe(basis);
    expect(result.inPolicy).toBe(basis !== 'goodwill');
    expect(result.maxRefundable).toEqual(eur(maxMinor));
    expect(result.restockingFee).toEqual(eur(feeMinor));
  });

  it('counts the unused days of the year when the policy says so: 170 of 365 days of 120 € are 55,89 €', () => {
    const byDays = policy({ proRata: { method: 'unused_days' } });
    const result = evaluate(ANNUAL, byDays, noon('2026-07-15'));
    expect(result.maxRefundable).toEqual(eur(5589));
    expect(result.findings.find((f) => f.code === 'pro_rata')?.en).toBe(
      'Refundable pro rata: 170 of 365 days unused (€55.89)',
    );
  });

  it('measures an exception by the days past the window, and a rule-based refund not at all', () => {
    expect(evaluate(PURCHASE, DEFAULT_POLICY, noon('2026-04-03')).exception?.daysPastWindow).toBe(1);
    expect(evaluate(PURCHASE, DEFAULT_POLICY, noon('2026-04-12')).exception?.daysPastWindow).toBe(10);
    expect(evaluate(PURCHASE, DEFAULT_POLICY, noon('2026-04-02')).exception).toBeNull();
    const digital = facts({ payment: { category: 'digital', digitalDeliveryStartedWithConsent: true } });
    expect(evaluate(digital, DEFAULT_POLICY, noon('2026-03-05')).exception?.daysPastWindow).toBeNull();
  });

  it('refuses to evaluate a payment in another currency than the policy', () => {
    const inPounds = policy({ currency: 'GBP' });
    expect(() => evaluate(PURCHASE, inPounds, noon('2026-03-10'))).toThrow(/EUR.*GBP/);
  });
});

describe('days in the policy’s time zone', () => {
  // a 30-day window from purchase, so the purchase day is what counts
  const thirtyDays = policy({ returnWindows: { service: { days: 30, from: 'purchase' } } });
  const service = (purchasedAt: string) =>
    facts({ payment: { category: 'service', purchasedAt: berlinIso(purchasedAt), deliveredAt: null } });

  it.each([
    [
      'at 23:30 belongs to that Berlin day: day 30 at 23:59',
      '2026-03-01 23:30',
      '2026-03-31 23:59',
      'return_window',
      null,
    ],
    [
      'at 23:30 belongs to that Berlin day: day 31 from one minute past midnight',
      '2026-03-01 23:30',
      '2026-04-01 00:01',
      'goodwill',
      1,
    ],
    [
      'at 00:30 (still the day before in UTC) belongs to the Berlin day: day 30',
      '2026-03-02 00:30',
      '2026-04-01 12:00',
      'return_window',
      null,
    ],
    [
      'at 00:30: still day 30 at 00:30 on 1 April',
      '2026-03-02 00:30',
      '2026-04-01 00:30',
      'return_window',
      null,
    ],
    ['at 00:30: past the window on day 31', '2026-03-02 00:30', '2026-04-02 00:30', 'goodwill', 1],
    [
      'before the March change to summer time: day 30 at 23:30',
      '2026-03-15 23:30',
      '2026-04-14 23:30',
      'return_window',
      null,
    ],
    [
      'before the March change: day 31 half an hour after midnight (30 × 24 hours exactly)',
      '2026-03-15 23:30',
      '2026-04-15 00:30',
      'goodwill',
      1,
    ],
    [
      'on the day of the March change, after it: day 30',
      '2026-03-29 03:30',
      '2026-04-28 23:59',
      'return_window',
      null,
    ],
    [
      'on the day of the March change: day 31 at midnight',
      '2026-03-29 03:30',
      '2026-04-29 00:00',
      'goodwill',
      1,
    ],
    [
      'before the October change back: day 30 at 23:30',
      '2026-10-10 00:30',
      '2026-11-09 23:30',
      'return_window',
      null,
    ],
    [
      'before the October change: day 31 ten minutes after midnight',
      '2026-10-10 00:30',
      '2026-11-10 00:10',
      'goodwill',
      1,
    ],
    [
      'in the repeated hour of the October change: day 30',
      '2026-10-25 02:30',
      '2026-11-24 23:59',
      'return_window',
      null,
    ],
    [
      'in the repeated hour of the October change: day 31',
      '2026-10-25 02:30',
      '2026-11-25 00:00',
      'goodwill',
      1,
    ],
  ])('a purchase %s', (_, purchasedAt, now, basis, daysPast) => {
    const result = evaluate(service(purchasedAt), thirtyDays, berlin(now));
    expect(result.basis).toBe(basis);
    expect(result.exception?.daysPastWindow ?? null).toBe(daysPast);
  });

  it('says how far outside the window a purchase is, as the desk reads it aloud', () => {
    const result = evaluate(service('2026-03-01 10:00'), thirtyDays, berlin('2026-04-09 10:00'));
    expect(result.findings.find((f) => f.code === 'return_outside')).toEqual({
      code: 'return_outside',
      de: 'Kauf liegt 9 Tage außerhalb des Rückgabefensters von 30 Tagen',
      en: 'Purchase is 9 days outside the 30-day return window',
    });
  });

  it('reads days in the time zone the policy names, not in Berlin', () => {
    const newYork = policy({
      timeZone: 'America/New_York',
      returnWindows: { service: { days: 30, from: 'purchase' } },
    });
    // 2 March 00:30 in Berlin is still 1 March in New York: day 31 on 1 April there
    const input = service('2026-03-02 00:30');
    expect(evaluate(input, thirtyDays, new Date('2026-04-01T16:00:00Z')).basis).toBe('return_window');
    expect(evaluate(input, newYork, new Date('2026-04-01T16:00:00Z')).basis).toBe('goodwill');
    expect(evaluate(input, newYork, new Date('2026-04-01T16:00:00Z')).evaluatedOn).toBe('2026-04-01');
  });
});
