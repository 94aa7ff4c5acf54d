// The alert a lead gets when a customer rates a case 1 or 2 stars. Pure: who gets it (the rule
// below) and the e-mail text, in the lead's language. The survey answer queues it (answer-survey.ts).
import { escapeHtml } from '../../platform/http/public-page';

export type Language = 'de' | 'en';

/** A rating this low alerts the case's lead. */
export const LOW_RATING_MAX = 2;

/** An active lead who may receive the alert. */
export interface AlertLead {
  id: string;
  email: string;
  display_name: string;
  locale: Language;
}

/**
 * Why a lead got the alert:
 * - `decider`: they decided one of the case's refund requests (an exception from the queue, or a
 *   request above the agent's limit) or processed its cancellation;
 * - `assignee`: no active lead decided anything on the case, and the case is assigned to them;
 * - `all_leads`: neither: nobody in particular leads the case (an agent decided it within their
 *   limit, the lead who decided has left), so every active lead hears of it.
 */
export type AlertRule = 'decider' | 'assignee' | 'all_leads';

/** What of a case decides who leads it: the staff who decided its requests, and its assignee. */
export interface CaseLeadership {
  /** Who decided a refund request or processed a cancellation on the case (any role, may repeat). */
  deciders: ReadonlyArray<string | null>;
  assigneeId: string | null;
}

/** The case's lead(s) among the active leads, and the rule that chose them (see AlertRule). */
export function alertRecipients(
  activeLeads: readonly AlertLead[],
  kase: CaseLeadership,
): { rule: AlertRule; leads: AlertLead[] } {
  const deciders = new Set(kase.deciders.filter((id): id is string => id !== null));
  const deciding = activeLeads.filter((l) => deciders.has(l.id));
  if (deciding.length > 0) return { rule: 'decider', leads: deciding };
  const assignee = activeLeads.filter((l) => l.id === kase.assigneeId);
  if (assignee.length > 0) return { rule: 'assignee', leads: assignee };
  return { rule: 'all_leads', leads: [...activeLeads] };
}

/** One request of the case as the alert names it: a refund or a cancellation, its reason and outcome. */
export interface AlertRequest {
  kind: 'refund' | 'cancellation';
  reason: { de: string; en: string };
  outcome: 'open' | 'approved' | 'denied' | 'failed' | 'cancelled' | 'retained' | 'withdrawn';
}

export interface LowRatingAlertFacts {
  caseId: string;
  caseNumber: string;
  accountNumber: string;
  rating: number;
  /** The customer's own words, as stored: never trusted (see cleanComment). */
  comment: string | null;
  requests: readonly AlertRequest[];
  rule: AlertRule;
  /** The public address of kulanz (KULANZ_PUBLIC_URL), if known: the alert links to the case. */
  publicUrl: string | undefined;
}

const WORDS = {
  de: {
    subject: (f: LowRatingAlertFacts) =>
      `Niedrige Bewertung: ${f.rating} von 5 Sternen zu Vorgang ${f.caseNumber}`,
    hello: (name: string) => `Hallo ${name},`,
    intro: (f: LowRatingAlertFacts) =>
      `der Kunde mit der Kundennummer ${f.accountNumber} hat die Zufriedenheitsumfrage zu Vorgang ${f.caseNumber} mit ${f.rating} von 5 Sternen bewertet.`,
    comment: 'Kommentar des Kunden:',
    noComment: 'Der Kunde hat keinen Kommentar geschrieben.',
    requests: 'Der Vorgang:',
    noRequests: 'Zu diesem Vorgang gibt es keinen Erstattungs- oder Kündigungsantrag.',
    request: (r: AlertRequest, outcome: string) =>
      `${r.kind === 'refund' ? 'Erstattung' : 'Kündigung'} – Grund: ${r.reason.de}; Ergebnis: ${outcome}`,
    outcomes: {
      open: 'offen',
      approved: 'genehmigt',
      denied: 'abgelehnt',
      failed: 'fehlgeschlagen',
      cancelled: 'gekündigt',
      retained: 'gehalten',
      withdrawn: 'zurückgezogen',
    },
    why: {
      decider: 'Sie erhalten diese Nachricht, weil Sie in diesem Vorgang entschieden haben.',
      assignee: 'Sie erhalten diese Nachricht, weil Ihnen der Vorgang zugewiesen ist.',
      all_leads:
        'Sie erhalten diese Nachricht wie alle Teamleitungen, weil keine Teamleitung in diesem Vorgang entschieden hat.',
    },
    link: 'Zum Vorgang:',
    signOff: 'Ihr kulanz',
  },
  en: {
    subject: (f: LowRatingAlertFacts) => `Low rating: ${f.rating} of 5 stars on case ${f.caseNumber}`,
    hello: (name: string) => `Hello ${name},`,
    intro: (f: LowRatingAlertFacts) =>
      `the customer with account number ${f.accountNumber} rated the satisfaction survey on case ${f.caseNumber} ${f.rating} of 5 stars.`,
    comment: "The customer's comment:",
    noComment: 'The customer left no comment.',
    requests: 'The case:',
    noRequests: 'This case has no refund or cancellation request.',
    request: (r: AlertRequest, outcome: string) =>
      `${r.kind === 'refund' ? 'Refund' : 'Cancellation'} – reason: ${r.reason.en}; outcome: ${outcome}`,
    outcomes: {
      open: 'open',
      approved: 'approved',
      denied: 'denied',
      failed: 'failed',
      cancelled: 'cancelled',
      retained: 'retained',
      withdrawn: 'withdrawn',
    },
    why: {
      decider: 'You get this message because you took a decision on this case.',
      assignee: 'You get this message because the case is assigned to you.',
      all_leads: 'You get this message like every lead because no lead took a decision on this case.',
    },
    link: 'Open the case:',
    signOff: 'kulanz',
  },
} as const;

/**
 * The customer's comment made harmless for an e-mail: line breaks normalised, control and
 * direction-override characters (which could disguise the text) removed, trimmed. HTML is escaped
 * where it is put into HTML, never here.
 */
export function cleanComment(comment: string | null): string {
  return (comment ?? '')
    .split(/\r\n|\r|\n/)
    .map((line) => line.replace(/\t/g, ' ').replace(/[\p{Cc}\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu, ''))
    .join('\n')
    .trim();
}

/** The case on the staff web app, when kulanz knows its public address. */
export function caseUrlOf(publicUrl: string | undefined, caseId: string): string | null {
  const base = publicUrl?.replace(/\/+$/, '');
  return base ? `${base}/cases/${encodeURIComponent(caseId)}` : null;
}

export interface RenderedAlert {
  subject: string;
  text: string;
  html: string;
}

/** The alert as an e-mail to one lead, in their language. */
export function renderLowRatingAlert(
  f: LowRatingAlertFacts,
  to: { name: string; language: Language },
): RenderedAlert {
  const w = WORDS[to.language];
  const comment = cleanComment(f.comment);
  const requests = f.requests.map((r) => w.request(r, w.outcomes[r.outcome]));
  const url = caseUrlOf(f.publicUrl, f.caseId);
  const text = [
    w.hello(to.name),
    '',
    w.intro(f),
    '',
    ...(comment ? [w.comment, ...comment.split('\n').map((line) => `> ${line}`)] : [w.noComment]),
    '',
    ...(requests.length ? [w.requests, ...requests.map((r) => `- ${r}`)] : [w.noRequests]),
    '',
    w.why[f.rule],
    ...(url ? ['', w.link, url] : []),
    '',
    w.signOff,
  ].join('\n');
  const p = (s: string) => `<p>${escapeHtml(s)}</p>`;
  const html = [
    p(w.hello(to.name)),
    p(w.intro(f)),
    ...(comment
      ? [
          p(w.comment),
          `<blockquote style="margin:0 0 1em;padding-left:8px;border-left:3px solid #ccc">${comment
            .split('\n')
            .map(escapeHtml)
            .join('<br>')}</blockquote>`,
        ]
      : [p(w.noComment)]),
    ...(requests.length
      ? [p(w.requests), `<ul>${requests.map((r) => `<li>${escapeHtml(r)}</li>`).join('')}</ul>`]
      : [p(w.noRequests)]),
    p(w.why[f.rule]),
    ...(url ? [`<p>${escapeHtml(w.link)} <a href="${escapeHtml(url)}">${escapeHtml(url)}</a></p>`] : []),
    p(w.signOff),
  ].join('\n');
  return { subject: w.subject(f), text, html };
}
