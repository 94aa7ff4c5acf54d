import { describe, expect, it } from 'vitest';
import { eur, FIRST_SUBSCRIPTION_PAYMENT, facts, PURCHASE } from '../../../test/policy-facts';
import { refundFacts } from './evaluation.schemas';

const pathsOf = (input: unknown) =>
  (refundFacts.safeParse(input).error?.issues ?? []).map((i) => i.path.join('.'));

describe('the facts of a refund request', () => {
  it('accepts a purchase and a subscription payment as the tests build them', () => {
    expect(pathsOf(PURCHASE)).toEqual([]);
    expect(pathsOf(FIRST_SUBSCRIPTION_PAYMENT)).toEqual([]);
  });

  it.each([
    [
      'an amount in another currency',
      facts({ requested: { amountMinor: 100, currency: 'USD' } }),
      'requested.currency',
    ],
    [
      'an earlier refund in another currency',
      facts({
        history: {
          refunds: [
            { at: '2026-01-01T10:00:00Z', amount: { amountMinor: 5, currency: 'GBP' }, basis: 'goodwill' },
          ],
        },
      }),
      'history.refunds.0.amount.currency',
    ],
    [
      'more refunded than paid',
      facts({ payment: { alreadyRefunded: eur(8001) } }),
      'payment.alreadyRefunded',
    ],
    ['a negative payment', facts({ payment: { paid: eur(-1) } }), 'payment.paid.amountMinor'],
    ['a fraction of a cent', facts({ requested: eur(0.5) }), 'requested.amountMinor'],
    [
      'a subscription payment without its subscription',
      facts({ payment: { category: 'subscription' } }),
      'subscription',
    ],
    [
      'a subscription on a physical order',
      facts({ payment: { category: 'physical' } }, FIRST_SUBSCRIPTION_PAYMENT),
      'subscription',
    ],
    [
      'a period that ends before it starts',
      facts(
        { subscription: { period: { start: '2026-04-01', end: '2026-03-01' } } },
        FIRST_SUBSCRIPTION_PAYMENT,
      ),
      'subscription.period.end',
    ],
    [
      'a purchase time without an offset',
      facts({ payment: { purchasedAt: '2026-03-01T12:00:00' } }),
      'payment.purchasedAt',
    ],
    [
      'a verification state nobody has',
      facts({ customer: { verification: 'trusted' as 'verified' } }),
      'customer.verification',
    ],
    [
      'a category billing does not know',
      facts({ payment: { category: 'gift' as 'digital' } }),
      'payment.category',
    ],
  ])('refuses %s, naming the field', (_, input, path) => {
    expect(pathsOf(input)).toEqual([path]);
  });

  it('keeps a JSON round trip of the facts valid and equal', () => {
    const stored = JSON.parse(JSON.stringify(FIRST_SUBSCRIPTION_PAYMENT));
    expect(refundFacts.parse(stored)).toEqual(FIRST_SUBSCRIPTION_PAYMENT);
  });
});
