import { describe, expect, it } from 'vitest';
import { berlin, berlinIso, eur, facts, PURCHASE, plain, weighing } from '../../../test/policy-facts';
import { DEFAULT_POLICY } from './default-policy';
import { evaluate } from './evaluate';
import type { RefundFacts } from './evaluation.schemas';
import { SCORE_FACTORS, type ScoreFactor } from './policy.schemas';

const NOW = berlin('2026-04-10 12:00');
const refunds = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    at: berlinIso(`2026-0${i + 1}-02 12:00`),
    amount: eur(500),
    basis: 'return_window' as const,
  }));

describe('the exception score', () => {
  it.each<[string, ScoreFactor, RefundFacts, number]>([
    ['the reason “price”', 'reason', facts({ reasonCode: 'price' }), -40],
    ['a defect as the reason', 'reason', facts({ reasonCode: 'defect' }), 80],
    ['digital content as the product type', 'productType', facts({ payment: { category: 'digital' } }), -40],
    ['8 days past the window (of 60 for the full penalty)', 'daysPastWindow', PURCHASE, -13],
    [
      '60 days past the window',
      'daysPastWindow',
      facts({ payment: { deliveredAt: '2026-01-10T10:00:00+01:00' } }),
      -100,
    ],
    [
      '90 days past the window, no further than -100',
      'daysPastWindow',
      facts({ payment: { deliveredAt: '2025-12-11T10:00:00+01:00' } }),
      -100,
    ],
    [
      'inside the window',
      'daysPastWindow',
      facts({ payment: { deliveredAt: '2026-03-20T10:00:00+01:00' } }),
      0,
    ],
    ['no window for the category', 'daysPastWindow', facts({ payment: { category: 'digital' } }), 0],
    [
      'three years as a customer',
      'tenure',
      facts({ customer: { customerSince: '2023-04-11T12:00:00+02:00' } }),
      100,
    ],
    [
      'one year as a customer',
      'tenure',
      facts({ customer: { customerSince: '2025-04-10T12:00:00+02:00' } }),
      33,
    ],
    [
      'a customer since today',
      'tenure',
      facts({ customer: { customerSince: '2026-04-10T08:00:00+02:00' } }),
      0,
    ],
    [
      '250 € lifetime value (of 1,000 € for full credit)',
      'lifetimeValue',
      facts({ customer: { lifetimeValue: eur(25_000) } }),
      25,
    ],
    [
      '5,000 € lifetime value, no more than +100',
      'lifetimeValue',
      facts({ customer: { lifetimeValue: eur(500_000) } }),
      100,
    ],
    ['two refunds in 12 months', 'priorRefunds', facts({ history: { refunds: refunds(2) } }), -80],
    [
      'three refunds in 12 months, no less than -100',
      'priorRefunds',
      facts({ history: { refunds: refunds(3) } }),
      -100,
    ],
    [
      'one complaint',
      'complaints',
      facts({ history: { complaints: [{ at: berlinIso('2026-02-01 12:00') }] } }),
      -20,
    ],
    [
      'a complaint 13 months ago',
      'complaints',
      facts({ history: { complaints: [{ at: berlinIso('2025-03-01 12:00') }] } }),
      0,
    ],
    ['a verified customer', 'verification', PURCHASE, 50],
    ['a lead’s override', 'verification', facts({ customer: { verification: 'override' } }), 0],
    ['an unverified caller', 'verification', facts({ customer: { verification: 'unverified' } }), -100],
  ])('gives %s its points', (_, factor, input, points) => {
    const result = evaluate(input, weighing({ [factor]: 1 }), NOW);
    expect(result.factors.find((f) => f.factor === factor)).toMatchObject({ points, weight: 1 });
    expect(result.score).toBe(points);
  });

  it('gives a reason the taxonomy does not know the policy’s points for unknown reasons', () => {
    const rules = weighing({ reason: 1 }, { scoring: { unknownReasonPoints: -10 } });
    const result = evaluate(facts({ reasonCode: 'moon_phase' }), rules, NOW);
    expect(result.score).toBe(-10);
    expect(result.factors[0]?.en).toBe('Reason “moon_phase”: -10 points (weight 1)');
  });

  it('is the weighted mean of the points: 3 × -40 and 1 × +100 make -5', () => {
    const input = facts({ reasonCode: 'price', customer: { customerSince: '2023-04-11T12:00:00+02:00' } });
    expect(evaluate(input, weighing({ reason: 3, tenure: 1 }), NOW).score).toBe(-5);
    expect(evaluate(input, weighing({ reason: 1, tenure: 1 }), NOW).score).toBe(30);
  });

  it.each([
    [5, 3],
    [-5, -3],
  ])('rounds a mean of half a point away from zero: %i and 0 make %i', (reasonPoints, score) => {
    const rules = weighing(
      { reason: 1, productType: 1 },
      {
        reasons: { ...DEFAULT_POLICY.reasons, other: { de: 'Sonstiges', en: 'Other', points: reasonPoints } },
      },
    );
    expect(evaluate(facts({ reasonCode: 'other' }), rules, NOW).score).toBe(score);
  });

  it('lists every factor, in order, with its weight, also those weighing nothing', () => {
    const result = evaluate(PURCHASE, DEFAULT_POLICY, NOW);
    expect(result.factors.map((f) => [f.factor, f.weight])).toEqual(
      SCORE_FACTORS.map((f) => [f, DEFAULT_POLICY.scoring.weights[f]]),
    );
  });

  it('explains every factor in German and English', () => {
    const input = facts({
      customer: {
        customerSince: '2025-04-10T12:00:00+02:00',
        lifetimeValue: eur(25_000),
        verification: 'override',
      },
      history: {
        refunds: refunds(1),
        complaints: [{ at: berlinIso('2026-02-01 12:00') }, { at: berlinIso('2026-03-01 12:00') }],
      },
    });
    const words = evaluate(input, DEFAULT_POLICY, NOW).factors.map((f) => [plain(f.de), f.en]);
    expect(words).toEqual([
      [
        'Grund „Nicht zufrieden, kein Nutzen“: +10 Punkte (Gewicht 3)',
        'Reason “Not satisfied, no value”: +10 points (weight 3)',
      ],
      ['Produktart Waren: 0 Punkte (Gewicht 1)', 'Product type physical goods: 0 points (weight 1)'],
      [
        '8 Tage nach dem Rückgabefenster: -13 Punkte (Gewicht 3)',
        '8 days past the return window: -13 points (weight 3)',
      ],
      ['Kunde seit 365 Tagen: +33 Punkte (Gewicht 2)', 'Customer for 365 days: +33 points (weight 2)'],
      ['Umsatz bisher 250,00 €: +25 Punkte (Gewicht 2)', 'Lifetime value €250.00: +25 points (weight 2)'],
      [
        '1 Erstattung in den letzten 12 Monaten: -40 Punkte (Gewicht 3)',
        '1 refund in the last 12 months: -40 points (weight 3)',
      ],
      [
        '2 Beschwerden in den letzten 12 Monaten: -40 Punkte (Gewicht 1)',
        '2 complaints in the last 12 months: -40 points (weight 1)',
      ],
      [
        'Identität durch die Teamleitung bestätigt (Override): 0 Punkte (Gewicht 1)',
        'Identity vouched for by a lead (override): 0 points (weight 1)',
      ],
    ]);
  });
});
