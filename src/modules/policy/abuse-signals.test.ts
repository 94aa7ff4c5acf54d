import { describe, expect, it } from 'vitest';
import {
  berlin,
  berlinIso,
  eur,
  FIRST_SUBSCRIPTION_PAYMENT,
  facts,
  PURCHASE,
  plain,
} from '../../../test/policy-facts';
import { DEFAULT_POLICY } from './default-policy';
import { evaluate } from './evaluate';
import type { RefundFacts } from './evaluation.schemas';

const NOW = berlin('2026-04-10 12:00');
const at = (day: string) => berlinIso(`${day} 12:00`);
const refund = (day: string, amountMinor = 1000) => ({
  at: at(day),
  amount: eur(amountMinor),
  basis: 'goodwill' as const,
});
const signalsOf = (input: RefundFacts) =>
  evaluate(input, DEFAULT_POLICY, NOW).abuseSignals.map((s) => s.signal);

/** A monthly payment that renewed the subscription on 7 April 2026 at 09:00. */
const RENEWED = facts(
  {
    payment: { purchasedAt: '2026-04-07T09:00:00+02:00' },
    subscription: {
      ...FIRST_SUBSCRIPTION_PAYMENT.subscription!,
      signedUpAt: '2025-01-07T09:00:00+01:00',
      isFirstPayment: false,
      period: { start: '2026-04-07', end: '2026-05-07' },
      lastRenewedAt: '2026-04-07T09:00:00+02:00',
    },
  },
  FIRST_SUBSCRIPTION_PAYMENT,
);

describe('abuse signals', () => {
  it('raises none for a customer without history', () => {
    expect(signalsOf(PURCHASE)).toEqual([]);
  });

  it.each<[string, RefundFacts, string[]]>([
    [
      '3 refunds in 12 months are repeated refunds',
      facts({ history: { refunds: [refund('2025-06-01'), refund('2025-12-01'), refund('2026-02-01')] } }),
      ['repeated_refunds'],
    ],
    [
      'a refund a year ago to the day does not count',
      facts({ history: { refunds: [refund('2025-04-10'), refund('2025-12-01'), refund('2026-02-01')] } }),
      [],
    ],
    ['a request 3 days after the renewal is right after it', RENEWED, ['after_renewal']],
    [
      'a request 4 days after the renewal is not',
      facts({ subscription: { lastRenewedAt: '2026-04-06T09:00:00+02:00' } }, RENEWED),
      [],
    ],
    ['the first payment has no renewal', facts({ subscription: { isFirstPayment: true } }, RENEWED), []],
    [
      'this and 2 earlier requests in 30 days are a burst',
      facts({ history: { requests: [{ at: at('2026-03-12') }, { at: at('2026-04-01') }] } }),
      ['request_burst'],
    ],
    [
      'a request 30 days ago is out of the 30 days',
      facts({ history: { requests: [{ at: at('2026-03-11') }, { at: at('2026-04-01') }] } }),
      [],
    ],
    [
      '240 € just under the 250 € limit for the third time is a pattern',
      facts({
        requested: eur(24_000),
        history: { refunds: [refund('2025-10-01', 24_500), refund('2026-01-15', 23_000)] },
      }),
      ['just_under_limit'],
    ],
    [
      'just under the limit twice is not yet',
      facts({ requested: eur(24_000), history: { refunds: [refund('2026-01-15', 23_000)] } }),
      [],
    ],
    [
      'an amount 10 % and more below the limit is not just under it',
      facts({
        requested: eur(22_499),
        history: { refunds: [refund('2025-10-01', 24_500), refund('2026-01-15', 23_000)] },
      }),
      [],
    ],
    [
      'an amount over the limit is not under it',
      facts({
        requested: eur(25_001),
        history: { refunds: [refund('2025-10-01', 24_500), refund('2026-01-15', 23_000)] },
      }),
      [],
    ],
  ])('%s', (_, input, expected) => {
    expect(signalsOf(input)).toEqual(expected);
  });

  it('explains each signal in German and English', () => {
    const input = facts(
      {
        requested: eur(24_000),
        history: {
          refunds: [refund('2025-10-01', 24_500), refund('2026-01-15', 23_000), refund('2026-02-01')],
          requests: [{ at: at('2026-03-20') }, { at: at('2026-04-01') }],
        },
      },
      RENEWED,
    );
    const signals = evaluate(input, DEFAULT_POLICY, NOW).abuseSignals.map((s) => [
      s.signal,
      plain(s.de),
      s.en,
    ]);
    expect(signals).toEqual([
      [
        'repeated_refunds',
        'Wiederholte Erstattungen: 3 in den letzten 12 Monaten (Hinweis ab 3)',
        'Repeated refunds: 3 in the last 12 months (flagged from 3)',
      ],
      [
        'after_renewal',
        'Antrag 3 Tage nach der Verlängerung am 07.04.2026',
        'Request 3 days after the renewal on 7 April 2026',
      ],
      [
        'request_burst',
        'Viele Anträge: 3 in den letzten 30 Tagen, dieser eingeschlossen',
        'Many requests: 3 in the last 30 days, this one included',
      ],
      [
        'just_under_limit',
        'Betrag 240,00 € knapp unter der Grenze von 250,00 €, zum 3. Mal in 12 Monaten',
        'Amount €240.00 just under the €250.00 limit, the 3rd time in 12 months',
      ],
    ]);
  });

  it('hands a goodwill request with a signal to a lead instead of recommending it', () => {
    const late = facts({ reasonCode: 'poor_support', requested: eur(1000) });
    const quiet = evaluate(late, DEFAULT_POLICY, NOW);
    expect(quiet.basis).toBe('goodwill');
    expect(quiet.decision).not.toBe('escalate');
    const burst = facts(
      { history: { requests: [{ at: at('2026-04-01') }, { at: at('2026-04-08') }] } },
      late,
    );
    const flagged = evaluate(burst, DEFAULT_POLICY, NOW);
    expect(flagged.decision).toBe('escalate');
    expect(flagged.approval.recommended).toBe('lead');
    expect(flagged.findings.find((f) => f.code === 'approval_signals')?.en).toBe(
      "Needs a lead's approval (abuse signals)",
    );
  });

  it('does not take a right away: a withdrawal with a signal is still approved', () => {
    const burst = facts({ history: { requests: [{ at: at('2026-03-01') }, { at: at('2026-03-05') }] } });
    const result = evaluate(burst, DEFAULT_POLICY, berlin('2026-03-10 12:00'));
    expect(result.basis).toBe('withdrawal');
    expect(result.abuseSignals.map((s) => s.signal)).toEqual(['request_burst']);
    expect(result.decision).toBe('approve');
    expect(result.approval.recommended).toBe('agent');
  });
});
