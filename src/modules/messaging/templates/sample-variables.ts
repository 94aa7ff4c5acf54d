import { companyVariables, type DeskTexts } from '../message-context';
import type { Language } from '../messaging.table';
import type { MessageKind, TemplateContext } from './template-kinds';

/** The variables every kind shares, with the company's real texts and a sample customer and case. */
export function sampleCommonVariables(desk: DeskTexts, language: Language): TemplateContext {
  return {
    company: companyVariables(desk, language),
    customer: { firstName: 'Erika', lastName: 'Mustermann', fullName: 'Erika Mustermann' },
    account: { number: 'K1000001' },
    case: { number: 'C-1000' },
  };
}

/** Plausible values for a kind's own variables, for previews of a draft template. */
export function sampleVariables(kind: MessageKind, language: Language): TemplateContext {
  const de = language === 'de';
  switch (kind) {
    case 'case_update':
      return {
        message: {
          body: de
            ? 'wie besprochen haben wir Ihre Adresse geändert.'
            : 'as agreed, we have updated your address.',
        },
      };
    case 'cancellation_confirmation':
      return {
        cancellation: {
          planName: 'Plus',
          effectiveOn: de ? '31.12.2026' : '31 December 2026',
          reference: 'KND-7Q4M2X9B',
          finalBilling: de
            ? 'Letzte Abrechnung: 01.01.2026. Danach buchen wir nichts mehr ab.'
            : 'Last billing date: 1 January 2026. Nothing will be charged after that.',
          refund: de ? 'Eine Erstattung fällt nicht an.' : 'No refund is due.',
          nextSteps: de
            ? 'Ihre Daten können Sie bis zum 30.01.2027 exportieren.'
            : 'You can export your data until 30 January 2027.',
          exportUntil: de ? '30.01.2027' : '30 January 2027',
        },
      };
    case 'refund_decision':
      return {
        refund: {
          approved: true,
          amount: de ? '29,99 €' : '€29.99',
          reason: '',
          nextSteps: de
            ? 'Das Geld ist in 3–5 Werktagen auf Ihrem Konto.'
            : 'The money reaches your account in 3–5 working days.',
          alternatives: '',
        },
      };
    case 'refund_approved':
      return {
        refund: {
          amount: de ? '29,99 €' : '€29.99',
          method: de ? 'auf Ihr ursprüngliches Zahlungsmittel' : 'to your original payment method',
          arrival: de
            ? 'Das Geld ist in 5–10 Werktagen auf Ihrem Konto.'
            : 'The money reaches your account in 5–10 working days.',
        },
      };
    case 'refund_denied':
      return {
        refund: {
          requested: de ? '29,99 €' : '€29.99',
          reasons: de
            ? 'Der Kauf liegt 9 Tage außerhalb des Rückgabefensters von 30 Tagen.'
            : 'The purchase is 9 days outside the 30-day return window.',
          alternative: de ? 'ein Guthaben für Ihren nächsten Einkauf' : 'store credit for your next purchase',
        },
      };
    case 'refund_failed':
      return {
        refund: {
          amount: de ? '29,99 €' : '€29.99',
          nextSteps: de
            ? 'Wir melden uns bei Ihnen und schlagen einen anderen Weg vor.'
            : 'We will get back to you with another way.',
        },
      };
    case 'follow_up_survey':
      return {
        survey: {
          url: 'https://kulanz.example/s/EXAMPLE',
          validUntil: de ? '06.12.2026' : '6 December 2026',
        },
      };
    case 'verification_code':
      return { code: { value: '482913', validMinutes: 10 } };
    case 'case_closed':
      return {};
  }
}
