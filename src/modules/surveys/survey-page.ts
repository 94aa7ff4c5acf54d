import { escapeHtml, type PageLanguage, publicPage } from '../../platform/http/public-page';
import type { SurveyLinkStatus } from './survey-link';

type Lang = PageLanguage;

const TEXT = {
  de: {
    title: 'Ihre Meinung',
    question: (caseNumber: string) =>
      `Wie zufrieden waren Sie mit der Bearbeitung Ihres Anliegens ${caseNumber}?`,
    scale: ['sehr unzufrieden', 'unzufrieden', 'geht so', 'zufrieden', 'sehr zufrieden'],
    comment: 'Möchten Sie uns noch etwas sagen? (freiwillig)',
    submit: 'Antwort senden',
    pick: 'Bitte wählen Sie eine Bewertung von 1 bis 5.',
    thanks: 'Vielen Dank! Ihre Antwort ist bei uns angekommen.',
    answered: 'Diese Umfrage haben Sie bereits beantwortet. Vielen Dank!',
    expired:
      'Dieser Link ist leider abgelaufen. Wenn Sie uns etwas sagen möchten, antworten Sie einfach auf unsere E-Mail.',
    unknown: 'Diesen Umfrage-Link kennen wir nicht. Bitte prüfen Sie, ob er vollständig ist.',
    unreadable:
      'Ihre Antwort enthielt Zeichen, die wir nicht speichern können. Bitte gehen Sie zurück und versuchen Sie es noch einmal.',
    failed: 'Das hat leider nicht geklappt. Bitte versuchen Sie es in ein paar Minuten noch einmal.',
  },
  en: {
    title: 'Your opinion',
    question: (caseNumber: string) =>
      `How satisfied were you with how we handled your request ${caseNumber}?`,
    scale: ['very dissatisfied', 'dissatisfied', 'okay', 'satisfied', 'very satisfied'],
    comment: 'Anything else you would like to tell us? (optional)',
    submit: 'Send answer',
    pick: 'Please choose a rating from 1 to 5.',
    thanks: 'Thank you! We have received your answer.',
    answered: 'You have already answered this survey. Thank you!',
    expired:
      'Sorry, this link has expired. If you would like to tell us something, simply reply to our e-mail.',
    unknown: 'We do not know this survey link. Please check that it is complete.',
    unreadable: 'Your answer contained characters we cannot store. Please go back and try again.',
    failed: 'Sorry, that did not work. Please try again in a few minutes.',
  },
} as const;

const SURVEY_CSS = `fieldset{border:0;padding:0;margin:16px 0;display:flex;flex-direction:column;gap:8px}legend{margin-bottom:8px;padding:0}
label.r{display:flex;align-items:center;gap:10px;min-height:44px;border:1px solid #bbb;border-radius:8px;padding:6px 12px;cursor:pointer}
label.r:has(input:checked){border-color:#1864ab;background:#e7f5ff}label.r input{width:20px;height:20px;margin:0}
textarea{width:100%;box-sizing:border-box;min-height:100px;font:inherit}button{font:inherit;min-height:44px;padding:10px 20px;border-radius:8px;border:0;background:#1864ab;color:#fff;cursor:pointer}
.err{color:#b92626}`;

function page(lang: Lang, body: string, companyName?: string): string {
  return publicPage({ lang, title: TEXT[lang].title, body, companyName, css: SURVEY_CSS });
}

/** Who the form is for, and whose it is: the greeting and company from the desk settings. */
export interface SurveyFormInput {
  token: string;
  greeting: string;
  fullName: string;
  caseNumber: string;
  companyName: string;
  /** The customer sent no rating: say so above the form. */
  error?: boolean;
}

/** The survey form, in the customer's language; plain HTML that works without JavaScript. */
export function surveyFormPage(lang: Lang, input: SurveyFormInput): string {
  const t = TEXT[lang];
  const options = t.scale
    .map(
      (label, i) =>
        `<label class="r"><input type="radio" name="rating" value="${i + 1}" required> ${i + 1} – ${escapeHtml(label)}</label>`,
    )
    .join('');
  return page(
    lang,
    `<p>${escapeHtml(`${input.greeting} ${input.fullName},`)}</p>${input.error ? `<p class="err" role="alert">${t.pick}</p>` : ''}
<form method="post" action="/s/${encodeURIComponent(input.token)}"><fieldset><legend>${escapeHtml(t.question(input.caseNumber))}</legend>${options}</fieldset>
<p><label for="comment">${t.comment}</label><br><textarea id="comment" name="comment" maxlength="2000"></textarea></p>
<button type="submit">${t.submit}</button></form>`,
    input.companyName,
  );
}

/** The page after an answer, or for a link that cannot be answered: friendly, never an error dump. */
export function surveyMessagePage(
  lang: Lang,
  status: SurveyLinkStatus | 'recorded' | 'unreadable' | 'failed',
  companyName?: string,
): string {
  const t = TEXT[lang];
  const text =
    status === 'recorded'
      ? t.thanks
      : status === 'answered'
        ? t.answered
        : status === 'expired'
          ? t.expired
          : status === 'unreadable'
            ? t.unreadable
            : status === 'failed'
              ? t.failed
              : t.unknown;
  return page(lang, `<p data-status="${status}">${text}</p>`, companyName);
}
