import { describe, expect, it } from 'vitest';
import { money } from '../../platform/money';
import {
  type EligibilityFacts,
  eligibleOffers,
  ineligibleBecause,
  inHoldout,
  type OfferDefinition,
  termsAsShown,
} from './offer-rules';

const NOW = new Date('2026-06-15T10:00:00Z');

function offer(over: Partial<OfferDefinition> & { id: string }): OfferDefinition {
  return {
    kind: 'discount',
    title: { de: 'Rabatt', en: 'Discount' },
    terms: { kind: 'discount', percent: 20, cycles: 3 },
    eligibility: { plans: [], reasons: [] },
    maxRedemptions: null,
    redemptions: 0,
    active: true,
    position: 10,
    ...over,
  };
}

const facts: EligibilityFacts = {
  accountId: 'acc_1',
  planCode: 'PLUS-J',
  planName: { de: 'Plus jährlich', en: 'Plus annual' },
  tenureDays: 3 * 365 + 20,
  reasonCode: 'too_expensive',
  lifetimeValue: money(45_000),
  now: NOW,
};

const ids = (list: ReturnType<typeof eligibleOffers>) => list.map((e) => e.offer.id);

describe('eligibleOffers: top-down in the admin order', () => {
  it('returns only eligible offers, best (lowest position) first, whatever order they come in', () => {
    const list = [
      offer({ id: 'c', position: 30 }),
      offer({ id: 'a', position: 10 }),
      offer({ id: 'x', position: 5, eligibility: { plans: ['BASIC-M'], reasons: [] } }),
      offer({ id: 'b', position: 20 }),
    ];
    expect(ids(eligibleOffers(list, facts, [], NOW))).toEqual(['a', 'b', 'c']);
    expect(ids(eligibleOffers([...list].reverse(), facts, [], NOW))[0]).toBe('a');
  });

  it('explains each offer in one German and one English line naming plan, tenure, reason and benefit', () => {
    const [first] = eligibleOffers([offer({ id: 'a' })], facts, [], NOW);
    expect(first!.why.de).toBe(
      'Sie sind seit 3 Jahren Kunde (Tarif Plus jährlich); Ihr Grund: zu teuer – daher 20 % Rabatt für 3 Abrechnungen.',
    );
    expect(first!.why.en).toBe(
      'You have been a customer for 3 years (Plus annual plan); your reason: too expensive – so 20% off for 3 billing cycles.',
    );
    expect(first!.why.de).not.toContain('\n');
  });
});

describe('each eligibility rule', () => {
  const cases: Array<[string, Partial<OfferDefinition>, Partial<EligibilityFacts>]> = [
    ['inactive', { active: false }, {}],
    ['plan', { eligibility: { plans: ['BASIC-M', 'BASIC-J'], reasons: [] } }, {}],
    ['min_tenure', { eligibility: { plans: [], reasons: [], minTenureDays: 400 } }, { tenureDays: 399 }],
    ['max_tenure', { eligibility: { plans: [], reasons: [], maxTenureDays: 90 } }, { tenureDays: 91 }],
    ['reason', { eligibility: { plans: [], reasons: ['temporary'] } }, {}],
    [
      'lifetime_value',
      { eligibility: { plans: [], reasons: [], minLifetimeValue: money(50_000) } },
      { lifetimeValue: money(49_999) },
    ],
    [
      'lifetime_value',
      { eligibility: { plans: [], reasons: [], minLifetimeValue: money(100, 'EUR') } },
      { lifetimeValue: money(99_999, 'GBP') },
    ],
  ];
  for (const [rule, over, factsOver] of cases)
    it(`refuses on ${rule} and accepts when the fact is just inside`, () => {
      const o = offer({ id: 'o', ...over });
      expect(ineligibleBecause(o, { ...facts, ...factsOver }, [], NOW)).toBe(rule);
    });

  it('takes the boundaries as inside: tenure exactly the minimum or maximum, value exactly the minimum', () => {
    const o = offer({
      id: 'o',
      eligibility: {
        plans: ['PLUS-J'],
        reasons: ['too_expensive'],
        minTenureDays: 400,
        maxTenureDays: 400,
        minLifetimeValue: money(50_000),
      },
    });
    expect(
      ineligibleBecause(o, { ...facts, tenureDays: 400, lifetimeValue: money(50_000) }, [], NOW),
    ).toBeNull();
  });

  it('names the plan a downgrade leads to when its name is known', () => {
    const o = offer({ id: 'd', kind: 'downgrade', terms: { kind: 'downgrade', planCode: 'BASIC-M' } });
    const planNames = { 'BASIC-M': { de: 'Basis monatlich', en: 'Basic monthly' } };
    const [e] = eligibleOffers([o], { ...facts, planNames }, [], NOW);
    expect(e!.why.de).toMatch(/daher der günstigere Tarif Basis monatlich\.$/);
    expect(e!.why.en).toMatch(/so the lower-priced Basic monthly plan\.$/);
  });

  it('never offers a downgrade to the plan the customer is on', () => {
    const o = offer({ id: 'd', kind: 'downgrade', terms: { kind: 'downgrade', planCode: 'PLUS-J' } });
    expect(ineligibleBecause(o, facts, [], NOW)).toBe('plan');
    expect(ineligibleBecause(o, { ...facts, planCode: 'PREMIUM-J' }, [], NOW)).toBeNull();
  });
});

describe('redemption limits', () => {
  it('drops an offer whose total redemptions are used up, keeps it with one left', () => {
    expect(ineligibleBecause(offer({ id: 'o', maxRedemptions: 5, redemptions: 5 }), facts, [], NOW)).toBe(
      'max_redemptions',
    );
    expect(
      ineligibleBecause(offer({ id: 'o', maxRedemptions: 5, redemptions: 4 }), facts, [], NOW),
    ).toBeNull();
  });

  it('drops an offer this account accepted within the last N months, not one accepted before', () => {
    const o = offer({ id: 'o', eligibility: { plans: [], reasons: [], notRedeemedWithinMonths: 12 } });
    const recent = [{ offerId: 'o', at: new Date('2025-06-16T10:00:00Z') }];
    const old = [{ offerId: 'o', at: new Date('2025-06-14T10:00:00Z') }];
    const other = [{ offerId: 'p', at: new Date('2026-06-01T10:00:00Z') }];
    expect(ineligibleBecause(o, facts, recent, NOW)).toBe('redeemed_recently');
    expect(ineligibleBecause(o, facts, old, NOW)).toBeNull();
    expect(ineligibleBecause(o, facts, other, NOW)).toBeNull();
    const list = [o, offer({ id: 'q', position: 20 })];
    expect(ids(eligibleOffers(list, facts, recent, NOW))).toEqual(['q']);
  });
});

describe('terms as shown', () => {
  it('names a pause’s resume date in Berlin business days', () => {
    expect(termsAsShown({ kind: 'pause', months: 2 }, new Date('2026-01-31T23:30:00Z'))).toEqual({
      kind: 'pause',
      months: 2,
      resumeOn: '2026-04-01',
    });
  });
});

describe('holdout assignment', () => {
  it('is stable per account and salt', () => {
    for (let i = 0; i < 200; i++) {
      const id = `acc_${i}`;
      expect(inHoldout(id, 'salt-a', 10)).toBe(inHoldout(id, 'salt-a', 10));
    }
  });

  it('holds out roughly the configured share over many ids, none at 0 %, all at 100 %', () => {
    const n = 20_000;
    for (const percent of [10, 25, 50]) {
      let held = 0;
      for (let i = 0; i < n; i++) if (inHoldout(`acc_${i.toString(36)}`, 'exp-1', percent)) held++;
      expect(Math.abs(held / n - percent / 100)).toBeLessThan(0.015);
    }
    expect(inHoldout('acc_1', 'exp-1', 0)).toBe(false);
    expect(inHoldout('acc_1', 'exp-1', 100)).toBe(true);
  });

  it('a larger share keeps everyone held out at the smaller share (the buckets nest); another salt reshuffles', () => {
    let moved = 0;
    for (let i = 0; i < 2000; i++) {
      const id = `acc_${i}`;
      if (inHoldout(id, 's', 10)) expect(inHoldout(id, 's', 20)).toBe(true);
      if (inHoldout(id, 's', 10) !== inHoldout(id, 't', 10)) moved++;
    }
    expect(moved).toBeGreaterThan(100);
  });
});
