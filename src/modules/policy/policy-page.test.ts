import { describe, expect, it } from 'vitest';
import { berlin, FIRST_SUBSCRIPTION_PAYMENT, facts, plain, policy } from '../../../test/policy-facts';
import { addDays } from '../../platform/clock';
import { DEFAULT_POLICY } from './default-policy';
import { evaluate } from './evaluate';
import type { PolicyDocument } from './policy.schemas';
import { policyPage } from './policy-page';

const section = (rules: PolicyDocument, lang: 'de' | 'en', id: string) =>
  policyPage(rules, lang)
    .sections.find((s) => s.id === id)
    ?.paragraphs.map(plain) ?? [];

describe('the customer-facing policy page', () => {
  it('has the same sections in German and English, with a title naming the version', () => {
    const de = policyPage(DEFAULT_POLICY, 'de');
    const en = policyPage(DEFAULT_POLICY, 'en');
    expect(de.sections.map((s) => s.id)).toEqual([
      'withdrawal',
      'guarantee',
      'returns',
      'pro_rata',
      'defects',
      'goodwill',
    ]);
    expect(en.sections.map((s) => s.id)).toEqual(de.sections.map((s) => s.id));
    expect([de.title, de.subtitle]).toEqual(['Erstattungsrichtlinie', 'Version 1, gültig ab 01.01.2026']);
    expect([en.title, en.subtitle]).toEqual(['Refund policy', 'Version 1, effective 1 January 2026']);
  });

  it('tells every return window with what it counts from, the fee and what is excluded', () => {
    expect(section(DEFAULT_POLICY, 'de', 'returns')).toEqual([
      'Abonnements: 7 Tage ab Zahlung.',
      'Waren: 30 Tage ab Lieferung, nach Ablauf der Widerrufsfrist abzüglich 10 % Wiedereinlagerungsgebühr.',
      'Dienstleistungen: 14 Tage ab Kauf.',
      'Digitale Inhalte: von der Rückgabe ausgeschlossen; Ihr gesetzliches Widerrufsrecht und die Gewährleistung bleiben unberührt.',
    ]);
    expect(section(DEFAULT_POLICY, 'en', 'returns')).toEqual([
      'Subscriptions: 7 days from payment.',
      'Physical goods: 30 days from delivery, after the withdrawal period less a 10% restocking fee.',
      'Services: 14 days from purchase.',
      'Digital content: not returnable; your statutory right of withdrawal and the warranty are not affected.',
    ]);
  });

  it('changes when the data changes: a 45-day window, 21 days of guarantee, 36 months of warranty', () => {
    const draft = policy({
      returnWindows: { physical: { days: 45, from: 'delivery' } },
      guarantee: { days: 21 },
      defects: { warrantyMonths: 36 },
      withdrawal: { days: 30 },
      restockingFee: { bps: { physical: 1250 } },
    });
    expect(section(draft, 'de', 'returns')[1]).toBe(
      'Waren: 45 Tage ab Lieferung, nach Ablauf der Widerrufsfrist abzüglich 12,5 % Wiedereinlagerungsgebühr.',
    );
    expect(section(draft, 'en', 'returns')[1]).toContain('45 days from delivery');
    expect(section(draft, 'de', 'guarantee')[0]).toContain('Innerhalb von 21 Tagen nach der Anmeldung');
    expect(section(draft, 'en', 'defects')[0]).toContain('statutory warranty of 36 months');
    expect(section(draft, 'de', 'withdrawal')[0]).toContain('binnen 30 Tagen');
    expect(section(draft, 'de', 'returns').join(' ')).not.toContain('30 Tage ab Lieferung');
  });

  it('leaves out what the policy does not offer', () => {
    const lean = policy({
      guarantee: { enabled: false },
      proRata: { intervals: [] },
      withdrawal: { consentExceptionCategories: [] },
    });
    expect(policyPage(lean, 'en').sections.map((s) => s.id)).toEqual([
      'withdrawal',
      'returns',
      'defects',
      'goodwill',
    ]);
    expect(section(lean, 'en', 'withdrawal')).toHaveLength(1);
    expect(section(DEFAULT_POLICY, 'en', 'withdrawal')[1]).toBe(
      'For digital content the right of withdrawal ends once delivery has started with your express consent.',
    );
  });

  it('mentions a restocking fee on goodwill only where the policy charges one', () => {
    expect(section(DEFAULT_POLICY, 'de', 'goodwill')).toHaveLength(1);
    const charged = policy({ restockingFee: { appliesTo: ['return_window', 'goodwill'] } });
    expect(section(charged, 'de', 'goodwill')[1]).toBe(
      'Auf Kulanzerstattungen für Waren berechnen wir 10 % Wiedereinlagerungsgebühr.',
    );
  });

  it('promises the windows the evaluation enforces: the last day the page names is in, the next day is out', () => {
    for (const days of [30, 45]) {
      const rules = policy({ returnWindows: { physical: { days, from: 'delivery' } } });
      const promised = Number(
        /Waren: (\d+) Tage ab Lieferung/.exec(section(rules, 'de', 'returns').join('\n'))?.[1],
      );
      const delivered = '2026-03-03';
      const lastDay = berlin(`${addDays(delivered, promised)} 18:00`);
      const dayAfter = berlin(`${addDays(delivered, promised + 1)} 09:00`);
      expect(evaluate(facts(), rules, lastDay).basis).toBe('return_window');
      expect(evaluate(facts(), rules, dayAfter).basis).toBe('goodwill');
    }
    const guaranteed = Number(
      /Innerhalb von (\d+) Tagen/.exec(section(DEFAULT_POLICY, 'de', 'guarantee')[0] ?? '')?.[1],
    );
    expect(
      evaluate(
        FIRST_SUBSCRIPTION_PAYMENT,
        DEFAULT_POLICY,
        berlin(`${addDays('2026-03-01', guaranteed)} 18:00`),
      ).basis,
    ).toBe('guarantee');
    expect(
      evaluate(
        FIRST_SUBSCRIPTION_PAYMENT,
        DEFAULT_POLICY,
        berlin(`${addDays('2026-03-01', guaranteed + 1)} 09:00`),
      ).basis,
    ).toBe('goodwill');
  });
});
