import { describe, expect, it } from 'vitest';
import {
  berlin,
  eur,
  FIRST_SUBSCRIPTION_PAYMENT,
  facts,
  PURCHASE,
  plain,
  variedFacts,
} from '../../../test/policy-facts';
import { DEFAULT_POLICY } from './default-policy';
import { evaluate } from './evaluate';
import { explain, explainFactor } from './explanations';

const words = (e: { de: string; en: string }) => [plain(e.de), plain(e.en)];

describe('the sentences of an evaluation', () => {
  it.each([
    [
      explain('return_outside', { days: 30, from: 'purchase', daysPast: 9 }),
      'Kauf liegt 9 Tage außerhalb des Rückgabefensters von 30 Tagen',
      'Purchase is 9 days outside the 30-day return window',
    ],
    [
      explain('return_outside', { days: 30, from: 'delivery', daysPast: 1 }),
      'Lieferung liegt 1 Tag außerhalb des Rückgabefensters von 30 Tagen',
      'Delivery is 1 day outside the 30-day return window',
    ],
    [
      explain('return_inside', { days: 7, from: 'payment', day: 3 }),
      'Zahlung liegt innerhalb des Rückgabefensters von 7 Tagen (Tag 3)',
      'Payment is inside the 7-day return window (day 3)',
    ],
    [
      explain('return_non_refundable', { category: 'digital' }),
      'Digitale Inhalte: von der Rückgabe ausgeschlossen',
      'Digital content: excluded from returns',
    ],
    [
      explain('withdrawal_inside', { days: 14, from: 'delivery', day: 5 }),
      'Widerrufsrecht: Tag 5 der Frist von 14 Tagen ab Lieferung',
      'Right of withdrawal: day 5 of the 14-day period from delivery',
    ],
    [
      explain('withdrawal_expired', { days: 14, from: 'signup', daysPast: 1 }),
      'Die Widerrufsfrist von 14 Tagen ab Anmeldung ist seit 1 Tag abgelaufen',
      'The 14-day withdrawal period from signup ended 1 day ago',
    ],
    [
      explain('withdrawal_consent_exception', { category: 'digital' }),
      'Kein Widerrufsrecht: Die Bereitstellung hat mit Zustimmung des Kunden begonnen (digitale Inhalte)',
      "No right of withdrawal: delivery started with the customer's consent (digital content)",
    ],
    [
      explain('guarantee_expired', { days: 30, daysPast: 6 }),
      'Die Geld-zurück-Garantie von 30 Tagen ab Anmeldung ist seit 6 Tagen abgelaufen',
      'The 30-day money-back guarantee from signup ended 6 days ago',
    ],
    [
      explain('defect_inside', { months: 24, from: 'delivery', until: '2028-03-03' }),
      'Mangel innerhalb der Gewährleistung von 24 Monaten ab Lieferung (bis 03.03.2028)',
      'Defect within the 24-month warranty from delivery (until 3 March 2028)',
    ],
    [
      explain('pro_rata', { unused: 5, total: 12, unit: 'months', amount: eur(5000) }),
      'Anteilig erstattbar: 5 von 12 Monaten ungenutzt (50,00 €)',
      'Refundable pro rata: 5 of 12 months unused (€50.00)',
    ],
    [
      explain('basis', { basis: 'defect' }),
      'Grundlage: Gewährleistung (Mangel), innerhalb der Richtlinie',
      'Basis: warranty (defect), within the policy',
    ],
    [
      explain('basis', { basis: 'goodwill' }),
      'Grundlage: Kulanz, eine Ausnahme von der Richtlinie',
      'Basis: goodwill, an exception to the policy',
    ],
    [
      explain('over_customer_count', { limit: 3, used: 1 }),
      'Bereits 1 Kulanzerstattung in 12 Monaten, Grenze 3',
      'Already 1 goodwill refund in 12 months, limit 3',
    ],
    [
      explain('approval_amount', { role: 'admin', below: 'lead', belowLimit: eur(50_000) }),
      'Freigabe durch Admin nötig (Grenze Teamleitung: 500,00 €)',
      "Needs an admin's approval (lead limit: €500.00)",
    ],
    [
      explain('approval_agent', { limit: eur(25_000) }),
      'Ein Agent darf entscheiden (Grenze 250,00 €)',
      'An agent may decide (limit €250.00)',
    ],
    [
      explain('decision', { decision: 'escalate', recommended: eur(4000), requested: eur(8000) }),
      'Empfehlung: zur Entscheidung weitergeben (Vorschlag 40,00 €)',
      'Recommendation: pass on for a decision (suggested €40.00)',
    ],
    [
      explainFactor('tenure', { days: 1 }, 1, 2),
      'Kunde seit 1 Tag: +1 Punkt (Gewicht 2)',
      'Customer for 1 day: +1 point (weight 2)',
    ],
    [
      explain('signal_just_under_limit', { amount: eur(24_900), limit: eur(25_000), occurrences: 12 }),
      'Betrag 249,00 € knapp unter der Grenze von 250,00 €, zum 12. Mal in 12 Monaten',
      'Amount €249.00 just under the €250.00 limit, the 12th time in 12 months',
    ],
    [
      explain('signal_after_renewal', { days: 0, renewedOn: '2026-04-07' }),
      'Antrag am Tag der Verlängerung (07.04.2026)',
      'Request on the day of the renewal (7 April 2026)',
    ],
  ])('%#: %s', (explanation, de, en) => {
    expect(words(explanation)).toEqual([de, en]);
  });

  it('starts with the check of every basis that concerns the request, then the basis and the amounts', () => {
    const codes = evaluate(
      facts({ reasonCode: 'defect' }),
      DEFAULT_POLICY,
      berlin('2026-03-20 12:00'),
    ).findings.map((f) => f.code);
    expect(codes).toEqual([
      'withdrawal_expired',
      'return_inside',
      'defect_inside',
      'basis',
      'remainder',
      'decision',
      'approval_agent',
    ]);
    const subscription = evaluate(
      FIRST_SUBSCRIPTION_PAYMENT,
      DEFAULT_POLICY,
      berlin('2026-03-20 12:00'),
    ).findings.map((f) => f.code);
    expect(subscription.slice(0, 4)).toEqual([
      'withdrawal_expired',
      'guarantee_inside',
      'return_outside',
      'basis',
    ]);
  });

  it('says everything in both languages, and differently in each, over a varied set of requests', () => {
    const now = berlin('2026-06-15 12:00');
    for (const input of [PURCHASE, ...variedFacts(300, now)]) {
      const result = evaluate(input, DEFAULT_POLICY, now);
      for (const sentence of [...result.findings, ...result.factors, ...result.abuseSignals]) {
        expect(sentence.de.length, sentence.code).toBeGreaterThan(10);
        expect(sentence.en.length, sentence.code).toBeGreaterThan(10);
        expect(sentence.de, sentence.code).not.toBe(sentence.en);
        expect(`${sentence.de} ${sentence.en}`, sentence.code).not.toMatch(/undefined|NaN|null|\[object/);
      }
    }
  });
});
