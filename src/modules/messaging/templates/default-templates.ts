import type { Language } from '../messaging.table';
import type { MessageKind } from './template-kinds';

export interface TemplateParts {
  subject: string;
  text: string;
  html: string;
}

// The greeting is the admin's per-language setting; the name and the comma follow it in both languages.
const greeting = '{{company.greeting}} {{customer.fullName}},';
const footerText =
  '\n\n{{company.signature}}\n{{company.name}} · {{company.supportEmail}} · {{company.supportPhone}}';
const footerHtml =
  '<p style="white-space:pre-line">{{company.signature}}</p>' +
  '<p style="color:#666;font-size:12px">{{company.name}} · {{company.supportEmail}} · {{company.supportPhone}}</p>';

function html(body: string): string {
  return `<!doctype html><html><body style="font-family:sans-serif;line-height:1.5"><p>${greeting}</p>${body}${footerHtml}</body></html>`;
}

/** What kulanz sends until an admin changes it: German and English for every kind. */
export const DEFAULT_TEMPLATES: Record<MessageKind, Record<Language, TemplateParts>> = {
  case_update: {
    de: {
      subject: 'Ihr Anliegen {{case.number}}',
      text: `${greeting}\n\n{{message.body}}\n\nKundennummer: {{account.number}}${footerText}`,
      html: html(
        '<p style="white-space:pre-line">{{message.body}}</p><p>Kundennummer: {{account.number}}</p>',
      ),
    },
    en: {
      subject: 'Your request {{case.number}}',
      text: `${greeting}\n\n{{message.body}}\n\nAccount number: {{account.number}}${footerText}`,
      html: html(
        '<p style="white-space:pre-line">{{message.body}}</p><p>Account number: {{account.number}}</p>',
      ),
    },
  },
  case_closed: {
    de: {
      subject: 'Ihr Anliegen {{case.number}} ist abgeschlossen',
      text: `${greeting}\n\nwir haben Ihr Anliegen {{case.number}} abgeschlossen. Wenn noch etwas offen ist, antworten Sie einfach auf diese E-Mail.${footerText}`,
      html: html(
        '<p>wir haben Ihr Anliegen {{case.number}} abgeschlossen. Wenn noch etwas offen ist, antworten Sie einfach auf diese E-Mail.</p>',
      ),
    },
    en: {
      subject: 'Your request {{case.number}} is resolved',
      text: `${greeting}\n\nwe have closed your request {{case.number}}. If anything is still open, simply reply to this e-mail.${footerText}`,
      html: html(
        '<p>we have closed your request {{case.number}}. If anything is still open, simply reply to this e-mail.</p>',
      ),
    },
  },
  cancellation_confirmation: {
    de: {
      subject: 'Bestätigung Ihrer Kündigung {{cancellation.reference}}',
      text: `${greeting}\n\nhiermit bestätigen wir die Kündigung Ihres Tarifs {{cancellation.planName}}. Die Kündigung wird zum {{cancellation.effectiveOn}} wirksam.\n\n{{cancellation.finalBilling}} {{cancellation.refund}}\n\n{{cancellation.nextSteps}}\n\nReferenz: {{cancellation.reference}} · Vorgang: {{case.number}} · Kundennummer: {{account.number}}${footerText}`,
      html: html(
        '<p>hiermit bestätigen wir die Kündigung Ihres Tarifs <strong>{{cancellation.planName}}</strong>. Die Kündigung wird zum <strong>{{cancellation.effectiveOn}}</strong> wirksam.</p><p>{{cancellation.finalBilling}} {{cancellation.refund}}</p><p>{{cancellation.nextSteps}}</p><p>Referenz: {{cancellation.reference}} · Vorgang: {{case.number}} · Kundennummer: {{account.number}}</p>',
      ),
    },
    en: {
      subject: 'Your cancellation {{cancellation.reference}} is confirmed',
      text: `${greeting}\n\nwe confirm the cancellation of your {{cancellation.planName}} plan. It takes effect on {{cancellation.effectiveOn}}.\n\n{{cancellation.finalBilling}} {{cancellation.refund}}\n\n{{cancellation.nextSteps}}\n\nReference: {{cancellation.reference}} · Case: {{case.number}} · Account number: {{account.number}}${footerText}`,
      html: html(
        '<p>we confirm the cancellation of your <strong>{{cancellation.planName}}</strong> plan. It takes effect on <strong>{{cancellation.effectiveOn}}</strong>.</p><p>{{cancellation.finalBilling}} {{cancellation.refund}}</p><p>{{cancellation.nextSteps}}</p><p>Reference: {{cancellation.reference}} · Case: {{case.number}} · Account number: {{account.number}}</p>',
      ),
    },
  },
  refund_decision: {
    de: {
      subject: 'Ihre Erstattungsanfrage {{case.number}}',
      text: `${greeting}\n\n{{#refund.approved}}wir erstatten Ihnen {{refund.amount}}. {{refund.nextSteps}}{{/refund.approved}}{{^refund.approved}}leider können wir keine Erstattung gewähren: {{refund.reason}}\n\nWas wir Ihnen stattdessen anbieten können: {{refund.alternatives}}{{/refund.approved}}${footerText}`,
      html: html(
        '{{#refund.approved}}<p>wir erstatten Ihnen <strong>{{refund.amount}}</strong>. {{refund.nextSteps}}</p>{{/refund.approved}}{{^refund.approved}}<p>leider können wir keine Erstattung gewähren: {{refund.reason}}</p><p>Was wir Ihnen stattdessen anbieten können: {{refund.alternatives}}</p>{{/refund.approved}}',
      ),
    },
    en: {
      subject: 'Your refund request {{case.number}}',
      text: `${greeting}\n\n{{#refund.approved}}we are refunding {{refund.amount}}. {{refund.nextSteps}}{{/refund.approved}}{{^refund.approved}}unfortunately we cannot grant a refund: {{refund.reason}}\n\nWhat we can offer instead: {{refund.alternatives}}{{/refund.approved}}${footerText}`,
      html: html(
        '{{#refund.approved}}<p>we are refunding <strong>{{refund.amount}}</strong>. {{refund.nextSteps}}</p>{{/refund.approved}}{{^refund.approved}}<p>unfortunately we cannot grant a refund: {{refund.reason}}</p><p>What we can offer instead: {{refund.alternatives}}</p>{{/refund.approved}}',
      ),
    },
  },
  refund_approved: {
    de: {
      subject: 'Ihre Erstattung zu {{case.number}} ist bewilligt',
      text: `${greeting}\n\nwir erstatten Ihnen {{refund.amount}} {{refund.method}}. {{refund.arrival}}\n\nVorgang: {{case.number}} · Kundennummer: {{account.number}}${footerText}`,
      html: html(
        '<p>wir erstatten Ihnen <strong>{{refund.amount}}</strong> {{refund.method}}. {{refund.arrival}}</p><p>Vorgang: {{case.number}} · Kundennummer: {{account.number}}</p>',
      ),
    },
    en: {
      subject: 'Your refund for {{case.number}} is approved',
      text: `${greeting}\n\nwe are refunding {{refund.amount}} {{refund.method}}. {{refund.arrival}}\n\nCase: {{case.number}} · Account number: {{account.number}}${footerText}`,
      html: html(
        '<p>we are refunding <strong>{{refund.amount}}</strong> {{refund.method}}. {{refund.arrival}}</p><p>Case: {{case.number}} · Account number: {{account.number}}</p>',
      ),
    },
  },
  refund_denied: {
    de: {
      subject: 'Ihre Erstattungsanfrage {{case.number}}',
      text: `${greeting}\n\nwir haben Ihre Anfrage über {{refund.requested}} sorgfältig geprüft. Eine Erstattung können wir leider nicht gewähren: {{refund.reasons}}\n\nGerne bieten wir Ihnen stattdessen {{refund.alternative}} an. Antworten Sie einfach auf diese E-Mail.\n\nVorgang: {{case.number}} · Kundennummer: {{account.number}}${footerText}`,
      html: html(
        '<p>wir haben Ihre Anfrage über {{refund.requested}} sorgfältig geprüft. Eine Erstattung können wir leider nicht gewähren: {{refund.reasons}}</p><p>Gerne bieten wir Ihnen stattdessen <strong>{{refund.alternative}}</strong> an. Antworten Sie einfach auf diese E-Mail.</p><p>Vorgang: {{case.number}} · Kundennummer: {{account.number}}</p>',
      ),
    },
    en: {
      subject: 'Your refund request {{case.number}}',
      text: `${greeting}\n\nwe have carefully reviewed your request for {{refund.requested}}. Unfortunately we cannot grant a refund: {{refund.reasons}}\n\nWe are glad to offer you {{refund.alternative}} instead. Simply reply to this e-mail.\n\nCase: {{case.number}} · Account number: {{account.number}}${footerText}`,
      html: html(
        '<p>we have carefully reviewed your request for {{refund.requested}}. Unfortunately we cannot grant a refund: {{refund.reasons}}</p><p>We are glad to offer you <strong>{{refund.alternative}}</strong> instead. Simply reply to this e-mail.</p><p>Case: {{case.number}} · Account number: {{account.number}}</p>',
      ),
    },
  },
  refund_failed: {
    de: {
      subject: 'Ihre Erstattung zu {{case.number}}: der nächste Schritt',
      text: `${greeting}\n\nwir haben Ihnen eine Erstattung von {{refund.amount}} bewilligt, aber Ihre Bank hat die Rückbuchung nicht angenommen. {{refund.nextSteps}}\n\nVorgang: {{case.number}} · Kundennummer: {{account.number}}${footerText}`,
      html: html(
        '<p>wir haben Ihnen eine Erstattung von <strong>{{refund.amount}}</strong> bewilligt, aber Ihre Bank hat die Rückbuchung nicht angenommen. {{refund.nextSteps}}</p><p>Vorgang: {{case.number}} · Kundennummer: {{account.number}}</p>',
      ),
    },
    en: {
      subject: 'Your refund for {{case.number}}: what happens next',
      text: `${greeting}\n\nwe approved a refund of {{refund.amount}}, but your bank did not accept it. {{refund.nextSteps}}\n\nCase: {{case.number}} · Account number: {{account.number}}${footerText}`,
      html: html(
        '<p>we approved a refund of <strong>{{refund.amount}}</strong>, but your bank did not accept it. {{refund.nextSteps}}</p><p>Case: {{case.number}} · Account number: {{account.number}}</p>',
      ),
    },
  },
  follow_up_survey: {
    de: {
      subject: 'Wie zufrieden waren Sie mit uns?',
      text: `${greeting}\n\nvor einigen Tagen haben wir Ihr Anliegen {{case.number}} bearbeitet. Wie zufrieden waren Sie? Die Antwort dauert eine Minute:\n\n{{survey.url}}\n\nDer Link gilt bis {{survey.validUntil}}.${footerText}`,
      html: html(
        '<p>vor einigen Tagen haben wir Ihr Anliegen {{case.number}} bearbeitet. Wie zufrieden waren Sie? Die Antwort dauert eine Minute:</p><p><a href="{{survey.url}}">Zur Umfrage</a></p><p>Der Link gilt bis {{survey.validUntil}}.</p>',
      ),
    },
    en: {
      subject: 'How satisfied were you with us?',
      text: `${greeting}\n\na few days ago we handled your request {{case.number}}. How satisfied were you? It takes a minute:\n\n{{survey.url}}\n\nThe link is valid until {{survey.validUntil}}.${footerText}`,
      html: html(
        '<p>a few days ago we handled your request {{case.number}}. How satisfied were you? It takes a minute:</p><p><a href="{{survey.url}}">Open the survey</a></p><p>The link is valid until {{survey.validUntil}}.</p>',
      ),
    },
  },
  verification_code: {
    de: {
      subject: 'Ihr Bestätigungscode: {{code.value}}',
      text: `${greeting}\n\nIhr Bestätigungscode lautet {{code.value}}. Er gilt {{code.validMinutes}} Minuten. Nennen Sie ihn nur unserem Kundenservice im laufenden Gespräch.${footerText}`,
      html: html(
        '<p>Ihr Bestätigungscode lautet <strong style="font-size:20px">{{code.value}}</strong>. Er gilt {{code.validMinutes}} Minuten. Nennen Sie ihn nur unserem Kundenservice im laufenden Gespräch.</p>',
      ),
    },
    en: {
      subject: 'Your verification code: {{code.value}}',
      text: `${greeting}\n\nyour verification code is {{code.value}}. It is valid for {{code.validMinutes}} minutes. Only tell it to our customer service during your call.${footerText}`,
      html: html(
        '<p>your verification code is <strong style="font-size:20px">{{code.value}}</strong>. It is valid for {{code.validMinutes}} minutes. Only tell it to our customer service during your call.</p>',
      ),
    },
  },
};
