import { addDays } from '../../platform/clock';
import { formatMoney, type Money } from '../../platform/money';
import type { Evaluation } from '../policy';
import type { ExecutionMethod } from './refunds.table';

// What the customer is told about a decision, and what the agent says on the phone: pure
// functions of the decision, in German or English. Only the evaluation's findings about the
// rules (windows, exclusions, amounts) reach the customer; the score, its factors, the abuse
// signals and the approval limits are the desk's and are never quoted.

export type Lang = 'de' | 'en';
export type Mood = 'calm' | 'upset' | 'angry';
export type AlternativeKind = 'store_credit' | 'exchange' | 'discount';

/** The findings a customer may read, in the evaluation's own sentences. */
const CUSTOMER_FINDINGS = new Set([
  'withdrawal_expired',
  'withdrawal_no_distance',
  'withdrawal_consent_exception',
  'withdrawal_first_payment_only',
  'guarantee_expired',
  'guarantee_first_payment_only',
  'return_outside',
  'return_not_started',
  'return_non_refundable',
  'defect_expired',
  'pro_rata_nothing_unused',
  'pro_rata_not_cancelled',
  'goodwill_non_refundable',
  'requested_over_max',
]);

/** Working days until refunded money reaches a card or bank account; store credit is there at once. */
export const ARRIVAL_WORKING_DAYS = { from: 5, to: 10 } as const;

/** Working days until a bank transfer the finance team sends reaches the customer's account. */
export const TRANSFER_WORKING_DAYS = { from: 2, to: 5 } as const;

export function methodText(method: ExecutionMethod, lang: Lang): string {
  if (method === 'store_credit')
    return lang === 'de' ? 'als Guthaben in Ihrem Kundenkonto' : 'as store credit on your account';
  if (method === 'bank_transfer')
    return lang === 'de' ? 'per Überweisung auf Ihr Bankkonto' : 'by bank transfer to your bank account';
  return lang === 'de' ? 'auf Ihr ursprüngliches Zahlungsmittel' : 'to your original payment method';
}

export function arrivalText(method: ExecutionMethod, lang: Lang): string {
  const { from, to } = ARRIVAL_WORKING_DAYS;
  if (method === 'store_credit')
    return lang === 'de'
      ? 'Das Guthaben steht Ihnen ab sofort zur Verfügung.'
      : 'The credit is available to you right away.';
  if (method === 'bank_transfer') {
    const t = TRANSFER_WORKING_DAYS;
    return lang === 'de'
      ? `Die Überweisung ist in ${t.from}–${t.to} Werktagen auf Ihrem Konto.`
      : `The transfer reaches your account in ${t.from}–${t.to} working days.`;
  }
  return lang === 'de'
    ? `Das Geld ist in ${from}–${to} Werktagen auf Ihrem Konto.`
    : `The money reaches your account in ${from}–${to} working days.`;
}

/** The reasons of a denial in the customer's words: the rules the evaluation found, nothing internal. */
export function denialReasons(evaluation: Evaluation, lang: Lang): string {
  const sentences = evaluation.findings.filter((f) => CUSTOMER_FINDINGS.has(f.code)).map((f) => f[lang]);
  if (sentences.length > 0) return `${sentences.join('. ')}.`;
  return lang === 'de'
    ? 'Ihr Anliegen liegt außerhalb dessen, was unsere Erstattungsrichtlinie vorsieht.'
    : 'Your request is outside what our refund policy provides for.';
}

const ALTERNATIVES: Record<AlternativeKind, Record<Lang, string>> = {
  store_credit: { de: 'ein Guthaben für Ihren nächsten Einkauf', en: 'store credit for your next purchase' },
  exchange: { de: 'einen Umtausch', en: 'an exchange' },
  discount: { de: 'einen Rabatt auf Ihren nächsten Einkauf', en: 'a discount on your next purchase' },
};

export function alternativeText(alternative: { kind: AlternativeKind; note?: string }, lang: Lang): string {
  const words = ALTERNATIVES[alternative.kind][lang];
  return alternative.note ? `${words} (${alternative.note})` : words;
}

export function failedNextSteps(lang: Lang): string {
  return lang === 'de'
    ? 'Wir melden uns bei Ihnen und schlagen einen anderen Weg vor, zum Beispiel ein Guthaben in Ihrem Kundenkonto oder eine Überweisung. Sie müssen nichts weiter tun.'
    : 'We will get back to you with another way, for example store credit on your account or a bank transfer. There is nothing you need to do.';
}

export type DecisionOutcome =
  | { kind: 'approved'; amount: Money; method: ExecutionMethod }
  | {
      kind: 'denied';
      requested: Money;
      evaluation: Evaluation;
      alternative: { kind: AlternativeKind; note?: string };
    }
  | { kind: 'failed'; amount: Money }
  | { kind: 'sent_back' };

const OPENING: Record<Mood, Record<Lang, string>> = {
  calm: { de: 'Danke, dass Sie sich an uns gewandt haben.', en: 'Thank you for getting in touch with us.' },
  upset: {
    de: 'Ich verstehe, dass das ärgerlich für Sie ist, und ich kümmere mich gerne darum.',
    en: 'I understand this has been frustrating, and I am glad to take care of it.',
  },
  angry: {
    de: 'Ich höre Ihnen zu und verstehe, dass Sie verärgert sind. Ich sage Ihnen jetzt genau, was wir tun.',
    en: 'I hear you, and I understand why you are upset. Let me tell you exactly what we are doing.',
  },
};

const CLOSING: Record<Mood, Record<Lang, string>> = {
  calm: { de: 'Kann ich sonst noch etwas für Sie tun?', en: 'Is there anything else I can do for you?' },
  upset: {
    de: 'Sie bekommen alles noch einmal per E-Mail. Kann ich sonst noch etwas für Sie tun?',
    en: 'You will get all of this by e-mail as well. Is there anything else I can do for you?',
  },
  angry: {
    de: 'Sie bekommen alles schriftlich per E-Mail, und ich bleibe Ihr Ansprechpartner für diesen Vorgang.',
    en: 'You will get everything in writing by e-mail, and I stay your contact for this case.',
  },
};

/** A short phone script for the decision in the customer's language, positive, adapted to the mood. */
export function decisionScript(outcome: DecisionOutcome, mood: Mood, lang: Lang): string[] {
  return [OPENING[mood][lang], scriptCore(outcome, lang, lang === 'de'), CLOSING[mood][lang]];
}

function scriptCore(outcome: DecisionOutcome, lang: Lang, de: boolean): string {
  switch (outcome.kind) {
    case 'approved':
      return de
        ? `Gute Nachricht: Wir erstatten Ihnen ${formatMoney(outcome.amount, lang)} ${methodText(outcome.method, lang)}. ${arrivalText(outcome.method, lang)}`
        : `Good news: we are refunding ${formatMoney(outcome.amount, lang)} ${methodText(outcome.method, lang)}. ${arrivalText(outcome.method, lang)}`;
    case 'denied':
      return de
        ? `Eine Erstattung kann ich Ihnen hier nicht anbieten, weil: ${denialReasons(outcome.evaluation, lang)} Was ich Ihnen gerne anbiete: ${alternativeText(outcome.alternative, lang)}.`
        : `I cannot offer a refund here, because: ${denialReasons(outcome.evaluation, lang)} What I am glad to offer you instead: ${alternativeText(outcome.alternative, lang)}.`;
    case 'failed':
      return de
        ? `Die Erstattung von ${formatMoney(outcome.amount, lang)} ist bewilligt, aber Ihre Bank hat sie nicht angenommen. ${failedNextSteps(lang)}`
        : `The refund of ${formatMoney(outcome.amount, lang)} is approved, but your bank did not accept it. ${failedNextSteps(lang)}`;
    case 'sent_back':
      return de
        ? 'Damit wir Ihnen schnell helfen können, brauchen wir noch ein paar Angaben von Ihnen.'
        : 'So that we can help you quickly, we need a few more details from you.';
  }
}

const NOTE_METHOD: Record<ExecutionMethod, Record<Lang, string>> = {
  original_payment: { de: 'auf das ursprüngliche Zahlungsmittel', en: 'to the original payment method' },
  store_credit: { de: 'als Guthaben', en: 'as store credit' },
  bank_transfer: { de: 'per Überweisung', en: 'by bank transfer' },
};

export interface NoteDraft {
  contactReason: string;
  actionsTaken: string;
  commitments: Array<{ description: string; dueOn: string }>;
}

/**
 * The account note drafted from a request, in the agent's language: why the customer called, what
 * was done, and what is promised (a refund to the payment is checked after the latest working day).
 */
export function draftNote(
  input: { reasonLabel: string; outcome: DecisionOutcome | { kind: 'open' }; today: string },
  lang: Lang,
): NoteDraft {
  const de = lang === 'de';
  const { outcome } = input;
  const contactReason = de
    ? `Erstattungswunsch: ${input.reasonLabel}`
    : `Refund request: ${input.reasonLabel}`;
  const actions: string[] = [
    de ? 'Erstattungsantrag erfasst und geprüft.' : 'Refund request recorded and evaluated.',
  ];
  const commitments: NoteDraft['commitments'] = [];
  switch (outcome.kind) {
    case 'approved':
      actions.push(
        de
          ? `Erstattung von ${formatMoney(outcome.amount, lang)} ${NOTE_METHOD[outcome.method].de} bewilligt.`
          : `Refund of ${formatMoney(outcome.amount, lang)} approved ${NOTE_METHOD[outcome.method].en}.`,
      );
      if (outcome.method !== 'store_credit') {
        const days = outcome.method === 'bank_transfer' ? TRANSFER_WORKING_DAYS : ARRIVAL_WORKING_DAYS;
        commitments.push({
          description: de
            ? `${outcome.method === 'bank_transfer' ? 'Überweisung' : 'Erstattung'} in ${days.from}–${days.to} Werktagen prüfen`
            : `Check the ${outcome.method === 'bank_transfer' ? 'transfer' : 'refund'} arrived within ${days.from}–${days.to} working days`,
          dueOn: addWorkingDays(input.today, days.to),
        });
      }
      break;
    case 'denied':
      actions.push(
        de
          ? `Erstattung abgelehnt; angeboten: ${alternativeText(outcome.alternative, lang)}.`
          : `Refund denied; offered: ${alternativeText(outcome.alternative, lang)}.`,
      );
      break;
    case 'failed':
      actions.push(
        de
          ? `Erstattung von ${formatMoney(outcome.amount, lang)} bewilligt, von der Bank abgelehnt; Vorgang wieder geöffnet.`
          : `Refund of ${formatMoney(outcome.amount, lang)} approved, refused by the bank; case reopened.`,
      );
      commitments.push({
        description: de
          ? 'Kunden Guthaben oder Überweisung anbieten'
          : 'Offer the customer store credit or a bank transfer',
        dueOn: addWorkingDays(input.today, 1),
      });
      break;
    case 'sent_back':
      actions.push(de ? 'Antrag zur Klärung zurückgegeben.' : 'Request sent back for more information.');
      commitments.push({
        description: de
          ? 'Fehlende Angaben beim Kunden erfragen'
          : 'Ask the customer for the missing details',
        dueOn: addWorkingDays(input.today, 2),
      });
      break;
    case 'open':
      actions.push(de ? 'Entscheidung steht noch aus.' : 'The decision is still open.');
      break;
  }
  return { contactReason, actionsTaken: actions.join('\n'), commitments };
}

/** `days` working days (Monday to Friday) after a calendar day. */
export function addWorkingDays(date: string, days: number): string {
  let day = date;
  let left = days;
  while (left > 0) {
    day = addDays(day, 1);
    const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
    if (weekday !== 0 && weekday !== 6) left--;
  }
  return day;
}

/** The message kind and its variables that tell the customer about a decision (none for a request sent back). */
export function decisionMessage(outcome: DecisionOutcome) {
  switch (outcome.kind) {
    case 'approved':
      return {
        kind: 'refund_approved' as const,
        variables: (lang: Lang) => ({
          refund: {
            amount: formatMoney(outcome.amount, lang),
            method: methodText(outcome.method, lang),
            arrival: arrivalText(outcome.method, lang),
          },
        }),
      };
    case 'denied':
      return {
        kind: 'refund_denied' as const,
        variables: (lang: Lang) => ({
          refund: {
            requested: formatMoney(outcome.requested, lang),
            reasons: denialReasons(outcome.evaluation, lang),
            alternative: alternativeText(outcome.alternative, lang),
          },
        }),
      };
    case 'failed':
      return {
        kind: 'refund_failed' as const,
        variables: (lang: Lang) => ({
          refund: { amount: formatMoney(outcome.amount, lang), nextSteps: failedNextSteps(lang) },
        }),
      };
    case 'sent_back':
      return null;
  }
}
