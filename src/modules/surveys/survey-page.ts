import type { SurveyLinkStatus } from './use-cases/answer-survey';

type Lang = 'de' | 'en';

const TEXT = {
  de: {
    title: 'Ihre Meinung',
    intro: (name: string, caseNumber: string) =>
      `Guten Tag ${name}, wie zufrieden waren Sie mit der Bearbeitung Ihres Anliegens ${caseNumber}?`,
    scale: ['sehr unzufrieden', 'unzufrieden', 'geht so', 'zufrieden', 'sehr zufrieden'],
    comment: 'Möchten Sie uns noch etwas sagen? (freiwillig)',
    submit: 'Antwort senden',
    pick: 'Bitte wählen Sie eine Bewertung von 1 bis 5.',
    thanks: 'Vielen Dank! Ihre Antwort ist bei uns angekommen.',
    answered: 'Diese Umfrage haben Sie bereits beantwortet. Vielen Dank!',
    expired:
      'Dieser Link ist leider abgelaufen. Wenn Sie uns etwas sagen möchten, antworten Sie einfach auf unsere E-Mail.',
    unknown: 'Diesen Umfrage-Link kennen wir nicht. Bitte prüfen Sie, ob er vollständig ist.',
  },
  en: {
    title: 'Your opinion',
    intro: (name: string, caseNumber: string) =>
      `Hello ${name}, how satisfied were you with how we handled your request ${caseNumber}?`,
    scale: ['very dissatisfied', 'dissatisfied', 'okay', 'satisfied', 'very satisfied'],
    comment: 'Anything else you would like to tell us? (optional)',
    submit: 'Send answer',
    pick: 'Please choose a rating from 1 to 5.',
    thanks: 'Thank you! We have received your answer.',
    answered: 'You have already answered this survey. Thank you!',
    expired:
      'Sorry, this link has expired. If you would like to tell us something, simply reply to our e-mail.',
    unknown: 'We do not know this survey link. Please check that it is complete.',
  },
} as const;

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(lang: Lang, body: string): string {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${TEXT[lang].title}</title>
<style>body{font-family:system-ui,sans-serif;max-width:560px;margin:48px auto;padding:0 16px;color:#222;line-height:1.5}
fieldset{border:0;padding:0;margin:16px 0;display:flex;gap:8px;flex-wrap:wrap}label.r{border:1px solid #bbb;border-radius:8px;padding:8px 12px;cursor:pointer}
textarea{width:100%;min-height:100px;font:inherit}button{font:inherit;padding:10px 20px;border-radius:8px;border:0;background:#1c7ed6;color:#fff;cursor:pointer}
.err{color:#c92a2a}</style></head><body><h1>${TEXT[lang].title}</h1>${body}</body></html>`;
}

/** The survey form, in the customer's language; plain HTML that works without JavaScript. */
export function surveyFormPage(
  lang: Lang,
  token: string,
  name: string,
  caseNumber: string,
  error?: boolean,
): string {
  const t = TEXT[lang];
  const options = t.scale
    .map(
      (label, i) =>
        `<label class="r"><input type="radio" name="rating" value="${i + 1}" required> ${i + 1} – ${escapeHtml(label)}</label>`,
    )
    .join('');
  return page(
    lang,
    `<p>${escapeHtml(t.intro(name, caseNumber))}</p>${error ? `<p class="err" role="alert">${t.pick}</p>` : ''}
<form method="post" action="/s/${encodeURIComponent(token)}"><fieldset>${options}</fieldset>
<p><label for="comment">${t.comment}</label><br><textarea id="comment" name="comment" maxlength="2000"></textarea></p>
<button type="submit">${t.submit}</button></form>`,
  );
}

/** The page after an answer, or for a link that cannot be answered: friendly, never an error dump. */
export function surveyMessagePage(lang: Lang, status: SurveyLinkStatus | 'recorded'): string {
  const t = TEXT[lang];
  const text =
    status === 'recorded'
      ? t.thanks
      : status === 'answered'
        ? t.answered
        : status === 'expired'
          ? t.expired
          : t.unknown;
  return page(lang, `<p data-status="${status}">${text}</p>`);
}

/** The language for a page without a known customer: the browser's preference, German by default. */
export function languageFromHeader(acceptLanguage: string | undefined): Lang {
  return /^\s*en\b/i.test(acceptLanguage ?? '') ? 'en' : 'de';
}
