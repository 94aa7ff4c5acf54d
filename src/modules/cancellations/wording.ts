import { addDays } from '../../platform/clock';
import { formatMoney, type Money } from '../../platform/money';
import type { Effective } from './cancellations.table';

// What the agent reads to the customer, what the confirmation e-mail says and the account note's
// draft: pure functions of the cancellation, in German or English.

export type Lang = 'de' | 'en';

const MONTHS_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** A YYYY-MM-DD day as a customer reads it: 31.12.2026 or 31 December 2026. */
export function formatDay(date: string, lang: Lang): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  if (lang === 'de') return `${String(d).padStart(2, '0')}.${String(m).padStart(2, '0')}.${y}`;
  return `${d} ${MONTHS_EN[m - 1]} ${y}`;
}

export interface Explained {
  effective: Effective;
  planName: { de: string; en: string };
  effectiveOn: string;
  serviceUntil: string;
  lastBillingOn: string;
  refund: Money;
  /** What the customer still owes on open invoices. */
  outstanding: Money;
  exportUntil: string;
}

/** The script the agent reads (step 4): the dates, the money and what the customer still has to do. */
export function explainScript(x: Explained, lang: Lang): string[] {
  const de = lang === 'de';
  const plan = x.planName[lang];
  const day = (d: string) => formatDay(d, lang);
  const lines: string[] = [];
  if (x.effective === 'period_end')
    lines.push(
      de
        ? `Ihr Tarif ${plan} endet zum ${day(x.effectiveOn)}. Bis einschließlich ${day(x.serviceUntil)} können Sie alles weiter nutzen.`
        : `Your ${plan} plan ends on ${day(x.effectiveOn)}. You can keep using everything up to and including ${day(x.serviceUntil)}.`,
    );
  else
    lines.push(
      de
        ? `Ihr Tarif ${plan} endet heute, am ${day(x.effectiveOn)}, mit sofortiger Wirkung.`
        : `Your ${plan} plan ends today, ${day(x.effectiveOn)}, with immediate effect.`,
    );
  lines.push(
    de
      ? `Die letzte Abrechnung war am ${day(x.lastBillingOn)}; danach buchen wir nichts mehr ab.`
      : `Your last billing date was ${day(x.lastBillingOn)}; nothing will be charged after that.`,
  );
  lines.push(
    x.refund.amountMinor > 0
      ? de
        ? `Sie erhalten ${formatMoney(x.refund, lang)} zurück, auf Ihr ursprüngliches Zahlungsmittel.`
        : `You will get ${formatMoney(x.refund, lang)} back, to your original payment method.`
      : de
        ? 'Eine Erstattung fällt nicht an.'
        : 'No refund is due.',
  );
  lines.push(
    x.outstanding.amountMinor > 0
      ? de
        ? `Bitte begleichen Sie noch die offenen Rechnungen über ${formatMoney(x.outstanding, lang)}.`
        : `Please still settle the open invoices of ${formatMoney(x.outstanding, lang)}.`
      : de
        ? 'Sie müssen sonst nichts weiter tun.'
        : 'There is nothing else you need to do.',
  );
  lines.push(
    de
      ? `Ihre Daten können Sie bis zum ${day(x.exportUntil)} exportieren; bis dahin können Sie Ihr Konto auch jederzeit wieder aktivieren.`
      : `You can export your data until ${day(x.exportUntil)}; until then you can also reactivate your account at any time.`,
  );
  return lines;
}

/** The confirmation e-mail's own variables (kind cancellation_confirmation), in the customer's language. */
export function confirmationVariables(x: Explained & { reference: string }, lang: Lang) {
  const de = lang === 'de';
  const day = (d: string) => formatDay(d, lang);
  return {
    cancellation: {
      planName: x.planName[lang],
      effectiveOn: day(x.effectiveOn),
      reference: x.reference,
      finalBilling: de
        ? `Letzte Abrechnung: ${day(x.lastBillingOn)}. Danach buchen wir nichts mehr ab.`
        : `Last billing date: ${day(x.lastBillingOn)}. Nothing will be charged after that.`,
      refund:
        x.refund.amountMinor > 0
          ? de
            ? `Wir erstatten Ihnen ${formatMoney(x.refund, lang)} auf Ihr ursprüngliches Zahlungsmittel; das Geld ist in 5–10 Werktagen auf Ihrem Konto.`
            : `We are refunding ${formatMoney(x.refund, lang)} to your original payment method; the money reaches your account in 5–10 working days.`
          : de
            ? 'Eine Erstattung fällt nicht an.'
            : 'No refund is due.',
      nextSteps: [
        x.outstanding.amountMinor > 0
          ? de
            ? `Bitte begleichen Sie die offenen Rechnungen über ${formatMoney(x.outstanding, lang)}.`
            : `Please settle the open invoices of ${formatMoney(x.outstanding, lang)}.`
          : '',
        de
          ? `Ihre Daten können Sie bis zum ${day(x.exportUntil)} exportieren. Möchten Sie doch bleiben, antworten Sie einfach auf diese E-Mail oder rufen Sie uns an: Bis dahin reaktivieren wir Ihr Konto mit allen Daten.`
          : `You can export your data until ${day(x.exportUntil)}. If you would like to stay after all, simply reply to this e-mail or call us: until then we reactivate your account with all its data.`,
      ]
        .filter(Boolean)
        .join(' '),
      exportUntil: day(x.exportUntil),
    },
  };
}

export type NoteOutcome =
  | { kind: 'cancelled'; effective: Effective; effectiveOn: string; refund: Money; reference: string }
  | { kind: 'retained'; offerId: string | null }
  | { kind: 'withdrawn' }
  | { kind: 'revoked'; reference: string }
  | { kind: 'open' };

export interface CancellationNoteDraft {
  contactReason: string;
  actionsTaken: string;
  commitments: Array<{ description: string; dueOn: string }>;
}

/** The account note drafted from what happened (reason, actions, commitments with due dates). */
export function draftCancellationNote(
  input: {
    reasonLabel: string;
    customerWords: string;
    competitor: string | null;
    outcome: NoteOutcome;
    today: string;
  },
  lang: Lang,
): CancellationNoteDraft {
  const de = lang === 'de';
  const { outcome } = input;
  const competitor = input.competitor
    ? de
      ? ` (Wechsel zu ${input.competitor})`
      : ` (switching to ${input.competitor})`
    : '';
  const contactReason = de
    ? `Kündigungswunsch: ${input.reasonLabel}${competitor}. Kunde: „${input.customerWords}“`
    : `Cancellation request: ${input.reasonLabel}${competitor}. Customer: "${input.customerWords}"`;
  const commitments: CancellationNoteDraft['commitments'] = [];
  let actions: string;
  switch (outcome.kind) {
    case 'cancelled':
      actions =
        (outcome.effective === 'period_end'
          ? de
            ? `Gekündigt zum Laufzeitende, wirksam am ${formatDay(outcome.effectiveOn, lang)}.`
            : `Cancelled at period end, effective ${formatDay(outcome.effectiveOn, 'en')}.`
          : de
            ? `Mit sofortiger Wirkung gekündigt am ${formatDay(outcome.effectiveOn, lang)}.`
            : `Cancelled with immediate effect on ${formatDay(outcome.effectiveOn, 'en')}.`) +
        (outcome.refund.amountMinor > 0
          ? de
            ? ` Erstattung ${formatMoney(outcome.refund, lang)} auf das ursprüngliche Zahlungsmittel.`
            : ` Refund of ${formatMoney(outcome.refund, lang)} to the original payment method.`
          : de
            ? ' Keine Erstattung.'
            : ' No refund.') +
        (de ? ` Referenz ${outcome.reference}.` : ` Reference ${outcome.reference}.`);
      if (outcome.effective === 'period_end')
        commitments.push({
          description: de
            ? 'Prüfen, dass die Kündigung wirksam wurde'
            : 'Check that the cancellation took effect',
          dueOn: outcome.effectiveOn,
        });
      break;
    case 'retained':
      actions = de
        ? `Kunde bleibt: Angebot ${outcome.offerId ?? ''} angenommen.`.replace('  ', ' ')
        : `Customer stays: offer ${outcome.offerId ?? ''} accepted.`.replace('  ', ' ');
      commitments.push({
        description: de
          ? 'Nach 30 Tagen prüfen, dass der Kunde noch Abonnent ist'
          : 'Check after 30 days that the customer is still subscribed',
        dueOn: addDays(input.today, 30),
      });
      break;
    case 'withdrawn':
      actions = de
        ? 'Kunde hat den Kündigungswunsch zurückgezogen; nichts geändert.'
        : 'The customer withdrew the cancellation request; nothing changed.';
      break;
    case 'revoked':
      actions = de
        ? `Kündigung ${outcome.reference} vor dem Wirksamwerden widerrufen; das Abonnement läuft weiter.`
        : `Cancellation ${outcome.reference} revoked before it took effect; the subscription continues.`;
      break;
    case 'open':
      actions = de ? 'Die Kündigung ist noch nicht abgeschlossen.' : 'The cancellation is not finished yet.';
      break;
  }
  return { contactReason, actionsTaken: actions, commitments };
}
