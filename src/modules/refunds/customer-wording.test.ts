import { describe, expect, it } from 'vitest';
import { money } from '../../platform/money';
import type { Evaluation } from '../policy';
import {
  addWorkingDays,
  type DecisionOutcome,
  decisionMessage,
  decisionScript,
  denialReasons,
  draftNote,
} from './customer-wording';

const eur = (minor: number) => money(minor, 'EUR');
// Intl writes a no-break space between the amount and the euro sign ("12,34\u00a0€")

/** An evaluation with only the parts the wording reads: its findings and signals. */
function evaluationWith(findings: Array<{ code: string; de: string; en: string }>): Evaluation {
  return {
    findings,
    abuseSignals: [
      { signal: 'request_burst', code: 'signal_request_burst', de: 'Viele Anträge', en: 'Many requests' },
    ],
    factors: [],
    score: 12,
  } as unknown as Evaluation;
}

const outside = {
  code: 'return_outside',
  de: 'Der Kauf liegt 9 Tage außerhalb des Rückgabefensters von 30 Tagen',
  en: 'The purchase is 9 days outside the 30-day return window',
};
const internal = [
  { code: 'score', de: 'Punktzahl 12 von 100', en: 'Score 12 of 100' },
  { code: 'over_customer_count', de: 'Bereits 3 Kulanzerstattungen', en: 'Already 3 goodwill refunds' },
  { code: 'approval_signals', de: 'Freigabe durch Admin', en: 'Approval by admin' },
];

const approved: DecisionOutcome = { kind: 'approved', amount: eur(1234), method: 'original_payment' };
const denied: DecisionOutcome = {
  kind: 'denied',
  requested: eur(5000),
  evaluation: evaluationWith([...internal, outside]),
  alternative: { kind: 'store_credit', note: '10 € extra' },
};

describe('denial reasons', () => {
  it('quote the rules the evaluation found and nothing internal (score, limits, approvals, signals)', () => {
    const de = denialReasons(denied.kind === 'denied' ? denied.evaluation : evaluationWith([]), 'de');
    expect(de).toBe('Der Kauf liegt 9 Tage außerhalb des Rückgabefensters von 30 Tagen.');
    expect(de).not.toMatch(/Punktzahl|Kulanzerstattungen|Admin|Anträge/);
  });

  it('fall back to a plain sentence when no rule explains it', () => {
    expect(denialReasons(evaluationWith(internal), 'en')).toBe(
      'Your request is outside what our refund policy provides for.',
    );
  });
});

describe('the decision message', () => {
  it('words an approval with amount, method and arrival in the customer’s language', () => {
    const m = decisionMessage(approved)!;
    expect(m.kind).toBe('refund_approved');
    expect(m.variables('de').refund).toEqual({
      amount: '12,34 €',
      method: 'auf Ihr ursprüngliches Zahlungsmittel',
      arrival: 'Das Geld ist in 5–10 Werktagen auf Ihrem Konto.',
    });
    const credit = decisionMessage({ ...approved, method: 'store_credit' } as DecisionOutcome)!;
    expect(credit.variables('en').refund).toMatchObject({
      arrival: 'The credit is available to you right away.',
    });
  });

  it('names the alternative of a denial, and sends nothing for a request sent back', () => {
    const m = decisionMessage(denied)!;
    expect(m.kind).toBe('refund_denied');
    expect(m.variables('de').refund).toMatchObject({
      requested: '50,00 €',
      alternative: 'ein Guthaben für Ihren nächsten Einkauf (10 € extra)',
    });
    expect(decisionMessage({ kind: 'sent_back' })).toBeNull();
    expect(decisionMessage({ kind: 'failed', amount: eur(999) })!.kind).toBe('refund_failed');
  });
});

describe('the phone script', () => {
  it.each(['calm', 'upset', 'angry'] as const)(
    'opens and closes for a %s customer, in both languages',
    (mood) => {
      const de = decisionScript(approved, mood, 'de');
      const en = decisionScript(approved, mood, 'en');
      expect(de).toHaveLength(3);
      expect(de[1]).toContain('12,34 €');
      expect(en[1]).toContain('€12.34');
      expect(de.join(' ')).not.toMatch(/leider|nein\b/i);
    },
  );

  it('adapts to the mood: acknowledges an angry customer’s anger, thanks a calm one', () => {
    expect(decisionScript(approved, 'angry', 'de')[0]).toMatch(/verärgert/);
    expect(decisionScript(approved, 'calm', 'de')[0]).toMatch(/^Danke/);
    expect(decisionScript(approved, 'upset', 'en')[0]).toMatch(/frustrating/);
  });

  it('offers the alternative of a denial in positive words', () => {
    const [, core] = decisionScript(denied, 'upset', 'en');
    expect(core).toContain('What I am glad to offer you instead: store credit for your next purchase');
    expect(core).toContain('30-day return window');
  });
});

describe('the note draft', () => {
  it('commits to checking a refund to the payment after 10 working days', () => {
    // Thursday 3 December 2026 + 10 working days = Thursday 17 December
    const draft = draftNote({ reasonLabel: 'Nicht zufrieden', outcome: approved, today: '2026-12-03' }, 'de');
    expect(draft.contactReason).toBe('Erstattungswunsch: Nicht zufrieden');
    expect(draft.actionsTaken).toContain(
      'Erstattung von 12,34 € auf das ursprüngliche Zahlungsmittel bewilligt.',
    );
    expect(draft.commitments).toEqual([
      { description: 'Erstattung in 5–10 Werktagen prüfen', dueOn: '2026-12-17' },
    ]);
  });

  it('promises nothing for store credit, and writes in the agent’s language', () => {
    const draft = draftNote(
      {
        reasonLabel: 'Not satisfied',
        outcome: { kind: 'approved', amount: eur(500), method: 'store_credit' },
        today: '2026-12-03',
      },
      'en',
    );
    expect(draft.commitments).toEqual([]);
    expect(draft.actionsTaken).toContain('Refund of €5.00 approved as store credit.');
  });

  it('names the alternative of a denial and the follow-up of a failed refund', () => {
    expect(
      draftNote({ reasonLabel: 'x', outcome: denied, today: '2026-12-03' }, 'de').actionsTaken,
    ).toContain('angeboten: ein Guthaben');
    const failed = draftNote(
      { reasonLabel: 'x', outcome: { kind: 'failed', amount: eur(100) }, today: '2026-12-04' },
      'en',
    );
    expect(failed.commitments).toEqual([
      { description: 'Offer the customer store credit or a bank transfer', dueOn: '2026-12-07' },
    ]);
  });

  it('counts working days over weekends', () => {
    expect(addWorkingDays('2026-12-04', 1)).toBe('2026-12-07');
    expect(addWorkingDays('2026-12-05', 5)).toBe('2026-12-11');
  });
});
