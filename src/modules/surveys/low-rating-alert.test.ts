import { describe, expect, it } from 'vitest';
import {
  type AlertLead,
  alertRecipients,
  caseUrlOf,
  cleanComment,
  type LowRatingAlertFacts,
  renderLowRatingAlert,
} from './low-rating-alert';

const anna: AlertLead = { id: 'usr_anna', email: 'anna@x.test', display_name: 'Anna', locale: 'de' };
const ben: AlertLead = { id: 'usr_ben', email: 'ben@x.test', display_name: 'Ben', locale: 'en' };
const cleo: AlertLead = { id: 'usr_cleo', email: 'cleo@x.test', display_name: 'Cleo', locale: 'de' };
const leads = [anna, ben, cleo];

describe('who leads a case (alertRecipients)', () => {
  it('is the active lead who decided a request, each once, before the assignee', () => {
    expect(
      alertRecipients(leads, { deciders: ['usr_ben', null, 'usr_ben'], assigneeId: 'usr_anna' }),
    ).toEqual({
      rule: 'decider',
      leads: [ben],
    });
    expect(alertRecipients(leads, { deciders: ['usr_cleo', 'usr_anna'], assigneeId: null })).toEqual({
      rule: 'decider',
      leads: [anna, cleo],
    });
  });

  it('is the assignee when no active lead decided (an agent decided, or the lead has left)', () => {
    // usr_agent is no lead; usr_gone is not among the active leads
    expect(alertRecipients(leads, { deciders: ['usr_agent', 'usr_gone'], assigneeId: 'usr_cleo' })).toEqual({
      rule: 'assignee',
      leads: [cleo],
    });
  });

  it('is every active lead when neither a lead decided nor one is assigned', () => {
    expect(alertRecipients(leads, { deciders: ['usr_agent'], assigneeId: 'usr_agent' })).toEqual({
      rule: 'all_leads',
      leads,
    });
    expect(alertRecipients([], { deciders: [], assigneeId: null })).toEqual({ rule: 'all_leads', leads: [] });
  });
});

describe('the alert e-mail', () => {
  const facts: LowRatingAlertFacts = {
    caseId: 'case_1',
    caseNumber: 'C-1001',
    accountNumber: 'K-100200',
    rating: 1,
    comment: 'Nie wieder <b>&</b> "so"\r\nZweite\u202E Zeile\u0007',
    requests: [
      { kind: 'refund', reason: { de: 'Defekt', en: 'Defective' }, outcome: 'denied' },
      { kind: 'cancellation', reason: { de: 'Zu teuer', en: 'Too expensive' }, outcome: 'cancelled' },
    ],
    rule: 'decider',
    publicUrl: 'https://desk.example/',
  };

  it('tells a German lead everything in German, the comment quoted and cleaned', () => {
    const mail = renderLowRatingAlert(facts, { name: 'Anna', language: 'de' });
    expect(mail.subject).toBe('Niedrige Bewertung: 1 von 5 Sternen zu Vorgang C-1001');
    expect(mail.text).toBe(
      [
        'Hallo Anna,',
        '',
        'der Kunde mit der Kundennummer K-100200 hat die Zufriedenheitsumfrage zu Vorgang C-1001 mit 1 von 5 Sternen bewertet.',
        '',
        'Kommentar des Kunden:',
        '> Nie wieder <b>&</b> "so"',
        '> Zweite Zeile',
        '',
        'Der Vorgang:',
        '- Erstattung – Grund: Defekt; Ergebnis: abgelehnt',
        '- Kündigung – Grund: Zu teuer; Ergebnis: gekündigt',
        '',
        'Sie erhalten diese Nachricht, weil Sie in diesem Vorgang entschieden haben.',
        '',
        'Zum Vorgang:',
        'https://desk.example/cases/case_1',
        '',
        'Ihr kulanz',
      ].join('\n'),
    );
    expect(mail.html).toContain('Nie wieder &#60;b&#62;&#38;&#60;/b&#62; &#34;so&#34;<br>Zweite Zeile');
    expect(mail.html).not.toContain('<b>');
    expect(mail.html).toContain('<a href="https://desk.example/cases/case_1">');
  });

  it('tells an English lead in English, without a link when the public address is unknown', () => {
    const mail = renderLowRatingAlert(
      { ...facts, rating: 2, comment: '   ', requests: [], rule: 'all_leads', publicUrl: undefined },
      { name: 'Ben', language: 'en' },
    );
    expect(mail.subject).toBe('Low rating: 2 of 5 stars on case C-1001');
    expect(mail.text).toBe(
      [
        'Hello Ben,',
        '',
        'the customer with account number K-100200 rated the satisfaction survey on case C-1001 2 of 5 stars.',
        '',
        'The customer left no comment.',
        '',
        'This case has no refund or cancellation request.',
        '',
        'You get this message like every lead because no lead took a decision on this case.',
        '',
        'kulanz',
      ].join('\n'),
    );
    expect(mail.html).not.toContain('<a ');
  });

  it('removes control and direction characters but keeps the words', () => {
    expect(cleanComment('a\u0000b\u200Fc\td\u2066e\r\rf')).toBe('abc de\n\nf');
    expect(cleanComment(null)).toBe('');
    expect(caseUrlOf('https://x.test///', 'case_a/b')).toBe('https://x.test/cases/case_a%2Fb');
    expect(caseUrlOf(undefined, 'case_1')).toBeNull();
  });
});
