import { describe, expect, it } from 'vitest';
import { berlin, berlinIso, eur, facts, policy, sentenceOf, weighing } from '../../../test/policy-facts';
import { roleNeeded } from './approval';
import { DEFAULT_POLICY } from './default-policy';
import { evaluate } from './evaluate';
import type { Basis } from './policy.schemas';

const noon = (day: string) => berlin(`${day} 12:00`);

/** Only the reason scores, and no abuse signal fires, so a test sees the limits alone. */
const LIMITS_ONLY = weighing(
  { reason: 1 },
  { abuse: { repeatedRefundsCount: 100, burstCount: 100, justUnderOccurrences: 100 } },
);
/** 3,000 € of goods, 17 days after delivery: in the return window, 2,700 € refundable after the fee. */
const LARGE = facts({ payment: { paid: eur(300_000) } });
/** 500 € of goods 40 days after delivery with a reason that scores for a full goodwill refund. */
const GOODWILL = facts({ payment: { paid: eur(50_000) }, reasonCode: 'poor_support' });
const GOODWILL_DAY = '2026-04-12';
const earlier = (day: string, amountMinor: number, basis: Basis = 'goodwill') => ({
  at: berlinIso(`${day} 12:00`),
  amount: eur(amountMinor),
  basis,
});

describe('who may approve', () => {
  it.each([
    ['250 € within the policy: an agent (limits are inclusive)', 25_000, 'agent'],
    ['250.01 € within the policy: a lead', 25_001, 'lead'],
    ['2,000 € within the policy: a lead', 200_000, 'lead'],
    ['2,000.01 € within the policy: an admin', 200_001, 'admin'],
  ])('%s', (_, requestedMinor, role) => {
    const result = evaluate(
      facts({ requested: eur(requestedMinor) }, LARGE),
      LIMITS_ONLY,
      noon('2026-03-20'),
    );
    expect(result.basis).toBe('return_window');
    expect(result.approval).toEqual({ recommended: role, requested: role });
  });

  it.each([
    [0, 'agent'],
    [1, 'lead'],
    [50_000, 'lead'],
    [50_001, 'admin'],
  ])('an exception of %i cents needs: %s', (amountMinor, role) => {
    expect(roleNeeded(DEFAULT_POLICY, eur(amountMinor), 'exception')).toEqual({ role, withinLimits: true });
  });

  it('gives an amount above every limit to the admin, saying it is above every limit', () => {
    const capped = policy({ ...LIMITS_ONLY, approvalLimits: { inPolicy: { admin: 250_000 } } });
    expect(roleNeeded(capped, eur(250_001), 'inPolicy')).toEqual({ role: 'admin', withinLimits: false });
    const result = evaluate(facts({ requested: eur(260_000) }, LARGE), capped, noon('2026-03-20'));
    expect(result.approval.requested).toBe('admin');
    expect(sentenceOf(result, 'approval_above_all')).toEqual([
      'Über allen Freigabegrenzen (Admin: 2.500,00 €)',
      'Above every approval limit (admin: €2,500.00)',
    ]);
  });

  it('sends every goodwill refund to a lead, since an agent may approve no exception', () => {
    const result = evaluate(facts({ requested: eur(1000) }, GOODWILL), LIMITS_ONLY, noon(GOODWILL_DAY));
    expect(result).toMatchObject({ basis: 'goodwill', decision: 'approve', recommended: eur(1000) });
    expect(result.approval).toEqual({ recommended: 'lead', requested: 'lead' });
    expect(sentenceOf(result, 'approval_amount')).toEqual([
      'Freigabe durch Teamleitung nötig (Grenze Agent: 0,00 €)',
      "Needs a lead's approval (agent limit: €0.00)",
    ]);
  });

  it('lets an agent give a denial', () => {
    const result = evaluate(facts({ reasonCode: 'price' }, GOODWILL), LIMITS_ONLY, noon(GOODWILL_DAY));
    expect(result.decision).toBe('deny');
    expect(result.approval.recommended).toBe('agent');
  });
});

describe('the goodwill limits', () => {
  it('caps a request at the limit per request, says by how much it is over, and leaves more to an admin', () => {
    const result = evaluate(facts({ requested: eur(30_000) }, GOODWILL), LIMITS_ONLY, noon(GOODWILL_DAY));
    expect(result).toMatchObject({ decision: 'approve_partial', recommended: eur(25_000) });
    expect(result.exception?.overPerRequestLimit).toEqual(eur(5000));
    expect(result.approval).toEqual({ recommended: 'lead', requested: 'admin' });
    expect(sentenceOf(result, 'over_per_request')).toEqual([
      'Kulanzgrenze je Antrag 250,00 €: 50,00 € darüber',
      'Goodwill limit per request €250.00: €50.00 over',
    ]);
  });

  it('caps a request at what is left of the amount per customer in 12 months', () => {
    const history = { refunds: [earlier('2025-09-01', 20_000), earlier('2026-02-01', 25_000)] };
    const result = evaluate(
      facts({ requested: eur(10_000), history }, GOODWILL),
      LIMITS_ONLY,
      noon(GOODWILL_DAY),
    );
    expect(result).toMatchObject({ decision: 'approve_partial', recommended: eur(5000) });
    expect(result.exception?.overCustomerAmountLimit).toEqual(eur(5000));
    expect(result.approval.requested).toBe('admin');
    expect(sentenceOf(result, 'over_customer_amount')).toEqual([
      'Kulanz in 12 Monaten: 450,00 € von 500,00 € genutzt, 50,00 € darüber',
      'Goodwill in 12 months: €450.00 of €500.00 used, €50.00 over',
    ]);
  });

  it('escalates to an admin when the count per customer in 12 months is used up', () => {
    const history = {
      refunds: [earlier('2025-05-01', 1000), earlier('2025-11-01', 1000), earlier('2026-03-01', 1000)],
    };
    const result = evaluate(
      facts({ requested: eur(1000), history }, GOODWILL),
      LIMITS_ONLY,
      noon(GOODWILL_DAY),
    );
    expect(result).toMatchObject({ decision: 'escalate', recommended: eur(0) });
    expect(result.exception?.overCustomerCountLimit).toBe(1);
    expect(result.approval).toEqual({ recommended: 'admin', requested: 'admin' });
    expect(sentenceOf(result, 'over_customer_count')).toEqual([
      'Bereits 3 Kulanzerstattungen in 12 Monaten, Grenze 3',
      'Already 3 goodwill refunds in 12 months, limit 3',
    ]);
  });

  it.each([
    ['a year ago to the day does not count', '2025-04-12', 'approve'],
    ['a year ago less a day counts', '2025-04-13', 'escalate'],
  ])('rolls the 12 months day by day: a goodwill refund %s', (_, day, decision) => {
    const onePerYear = policy({ ...LIMITS_ONLY, goodwill: { perCustomer12Months: { maxCount: 1 } } });
    const result = evaluate(
      facts({ requested: eur(1000), history: { refunds: [earlier(day, 1000)] } }, GOODWILL),
      onePerYear,
      noon(GOODWILL_DAY),
    );
    expect(result.decision).toBe(decision);
  });

  it('counts only goodwill against the goodwill limits, not refunds a rule granted', () => {
    const history = {
      refunds: [
        earlier('2025-05-01', 20_000, 'withdrawal'),
        earlier('2025-11-01', 20_000, 'defect'),
        earlier('2026-03-01', 20_000, 'return_window'),
      ],
    };
    const result = evaluate(
      facts({ requested: eur(10_000), history }, GOODWILL),
      LIMITS_ONLY,
      noon(GOODWILL_DAY),
    );
    expect(result).toMatchObject({
      decision: 'approve',
      recommended: eur(10_000),
      approval: { requested: 'lead' },
    });
    expect(sentenceOf(result, 'goodwill_used')).toEqual([
      'Kulanz in 12 Monaten: 0 von 3 Erstattungen, 0,00 € von 500,00 €',
      'Goodwill in 12 months: 0 of 3 refunds, €0.00 of €500.00',
    ]);
  });
});
