import { describe, expect, it } from 'vitest';
import { berlin, eur, facts, PURCHASE, policy, sentenceOf, weighing } from '../../../test/policy-facts';
import { DEFAULT_POLICY } from './default-policy';
import { evaluate } from './evaluate';
import type { RefundFacts } from './evaluation.schemas';
import type { PolicyDocument } from './policy.schemas';

const noon = (day: string) => berlin(`${day} 12:00`);

/** Only the reason counts, so a test picks the score by the reason: poor_support 40, not_satisfied 10, price -40. */
const BY_REASON = weighing({ reason: 1 });

describe('how much may go back', () => {
  it.each<
    [
      string,
      RefundFacts,
      string,
      PolicyDocument,
      { max: number; fee: number; recommended: number; decision: string },
    ]
  >([
    [
      'the return window less 10 % restocking fee',
      PURCHASE,
      '2026-03-20',
      DEFAULT_POLICY,
      { max: 7200, fee: 800, recommended: 7200, decision: 'approve' },
    ],
    [
      'part of it, as asked',
      facts({ requested: eur(5000) }),
      '2026-03-20',
      DEFAULT_POLICY,
      { max: 7200, fee: 800, recommended: 5000, decision: 'approve' },
    ],
    [
      'no more than the maximum when more is asked',
      facts({ requested: eur(9000) }),
      '2026-03-20',
      DEFAULT_POLICY,
      { max: 7200, fee: 800, recommended: 7200, decision: 'approve_partial' },
    ],
    [
      'the remainder of a partly refunded payment, the fee taken of the remainder',
      facts({ payment: { alreadyRefunded: eur(3000) } }),
      '2026-03-20',
      DEFAULT_POLICY,
      { max: 4500, fee: 500, recommended: 4500, decision: 'approve' },
    ],
    [
      'nothing of a payment refunded in full',
      facts({ payment: { alreadyRefunded: eur(8000) } }),
      '2026-03-20',
      DEFAULT_POLICY,
      { max: 0, fee: 0, recommended: 0, decision: 'deny' },
    ],
    [
      'everything within the withdrawal period: no restocking fee on it',
      PURCHASE,
      '2026-03-08',
      DEFAULT_POLICY,
      { max: 8000, fee: 0, recommended: 8000, decision: 'approve' },
    ],
    [
      'the remainder within the withdrawal period',
      facts({ payment: { alreadyRefunded: eur(2500) } }),
      '2026-03-08',
      DEFAULT_POLICY,
      { max: 5500, fee: 0, recommended: 5500, decision: 'approve' },
    ],
    [
      'goodwill less the fee where the policy charges it on goodwill',
      facts({ reasonCode: 'poor_support' }),
      '2026-04-10',
      policy({ ...BY_REASON, restockingFee: { appliesTo: ['return_window', 'goodwill'] } }),
      { max: 7200, fee: 800, recommended: 7200, decision: 'approve' },
    ],
    [
      'goodwill in full at a score from approveFrom',
      facts({ reasonCode: 'poor_support' }),
      '2026-04-10',
      BY_REASON,
      { max: 8000, fee: 0, recommended: 8000, decision: 'approve' },
    ],
    [
      'goodwill of half at a score from partialFrom',
      facts({ reasonCode: 'not_satisfied' }),
      '2026-04-10',
      BY_REASON,
      { max: 8000, fee: 0, recommended: 4000, decision: 'approve_partial' },
    ],
    [
      'half of what was asked at a partial score',
      facts({ reasonCode: 'not_satisfied', requested: eur(3001) }),
      '2026-04-10',
      BY_REASON,
      { max: 8000, fee: 0, recommended: 1501, decision: 'approve_partial' },
    ],
    [
      'no goodwill below partialFrom',
      facts({ reasonCode: 'price' }),
      '2026-04-10',
      BY_REASON,
      { max: 8000, fee: 0, recommended: 0, decision: 'deny' },
    ],
    [
      'no goodwill for a non-refundable category, whatever the score',
      facts({
        reasonCode: 'poor_support',
        payment: { category: 'digital', digitalDeliveryStartedWithConsent: true },
      }),
      '2026-03-05',
      BY_REASON,
      { max: 8000, fee: 0, recommended: 0, decision: 'deny' },
    ],
  ])('%s', (_, input, day, rules, expected) => {
    const result = evaluate(input, rules, noon(day));
    expect({
      max: result.maxRefundable.amountMinor,
      fee: result.restockingFee.amountMinor,
      recommended: result.recommended.amountMinor,
      decision: result.decision,
    }).toEqual(expected);
  });

  it('says what was paid, what is left and what the fee takes', () => {
    const result = evaluate(
      facts({ payment: { alreadyRefunded: eur(3000) } }),
      DEFAULT_POLICY,
      noon('2026-03-20'),
    );
    expect(result.remainder).toEqual(eur(5000));
    expect(sentenceOf(result, 'remainder')).toEqual([
      'Bezahlt 80,00 €, bereits erstattet 30,00 €: noch 50,00 € erstattbar',
      'Paid €80.00, already refunded €30.00: €50.00 left to refund',
    ]);
    expect(sentenceOf(result, 'restocking_fee')).toEqual([
      'Wiedereinlagerungsgebühr 10 %: 5,00 € werden abgezogen',
      'Restocking fee 10%: €5.00 is deducted',
    ]);
  });

  it('says when more is asked than may go back, and only then', () => {
    const over = evaluate(facts({ requested: eur(9000) }), DEFAULT_POLICY, noon('2026-03-20'));
    expect(sentenceOf(over, 'requested_over_max')).toEqual([
      'Gewünscht sind 90,00 €, erstattbar höchstens 72,00 €',
      '€90.00 requested, at most €72.00 refundable',
    ]);
    const asMuch = evaluate(facts({ requested: eur(7200) }), DEFAULT_POLICY, noon('2026-03-20'));
    expect(sentenceOf(asMuch, 'requested_over_max')).toBeUndefined();
  });

  it('recommends in words what it recommends in numbers', () => {
    const partial = evaluate(facts({ reasonCode: 'not_satisfied' }), BY_REASON, noon('2026-04-10'));
    expect(sentenceOf(partial, 'decision')).toEqual([
      'Empfehlung: 40,00 € von 80,00 € erstatten',
      'Recommendation: refund €40.00 of €80.00',
    ]);
    const denied = evaluate(facts({ reasonCode: 'price' }), BY_REASON, noon('2026-04-10'));
    expect(sentenceOf(denied, 'decision')).toEqual([
      'Empfehlung: ablehnen und eine Alternative anbieten (Gutschrift, Umtausch oder Rabatt)',
      'Recommendation: deny and offer an alternative (store credit, exchange or discount)',
    ]);
  });
});
