import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_LOGINS } from '../src/demo/seed-demo';
import { createDeliveryWorker, mailboxTransport } from '../src/modules/messaging';
import { businessDate, DAY } from '../src/platform/clock';
import type { Role } from '../src/platform/roles';
import {
  addBilling,
  addOrder,
  addPaidOrder,
  createAccount,
  createCase,
  DEFAULT_SECRETS,
  markVerified,
} from '../test/factories';
import type { TestApp, TestClient } from '../test/harness';
import { type AxeViolation, axeViolations, blocking, formatViolations } from './axe';
import { sendSurveyNow, withBrowserDesk } from './desk';

/*
 * axe-core over every page of the desk and its important states, in German and English (the
 * languages differ in text length, which moves wrapping and truncation). Zero critical and serious
 * violations of WCAG 2.0/2.1 A+AA and 2.2 AA. One browser; one logged-in context per role and
 * language; the states are set up through the API and the database beforehand.
 */

let t: TestApp;
let browser: Browser;
let base: string;
withBrowserDesk((desk) => {
  ({ t, browser, base } = desk);
});

type Lang = 'de' | 'en';

interface Fixture {
  normal: { id: string; caseId: string };
  locked: { id: string; caseId: string };
  suspended: { id: string };
  overdue: { id: string };
  verifiedCaseId: string;
  refund: { caseId: string; queuedId: string };
  surveyLinks: Record<Lang, string>;
}
let f: Fixture;

const contexts = new Map<string, { context: BrowserContext; page: Page }>();

/** A page logged in as the demo user of that role, in that UI language; one per pair, reused. */
async function deskPage(role: Role | 'anonymous', lang: Lang): Promise<Page> {
  const key = `${role}/${lang}`;
  const known = contexts.get(key);
  if (known) return known.page;
  const context = await browser.newContext({
    locale: lang === 'de' ? 'de-DE' : 'en-GB',
    viewport: { width: 1440, height: 900 },
  });
  await context.addInitScript((l) => localStorage.setItem('kulanz.language', l), lang);
  if (role !== 'anonymous') {
    const { email, password } = DEMO_LOGINS.find((l) => l.role === role)!;
    const login = await context.request.post(`${base}/api/auth/login`, { data: { email, password } });
    expect(login.status()).toBe(200);
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    // the staff member's saved language too, for a UI that takes it from the session
    const saved = await context.request.patch(`${base}/api/auth/me`, {
      data: { locale: lang },
      headers: { 'x-csrf-token': csrfToken },
    });
    expect(saved.status()).toBe(200);
  }
  const page = await context.newPage();
  contexts.set(key, { context, page });
  return page;
}

afterAll(async () => {
  for (const { context } of contexts.values()) await context.close();
});

async function openNote(agent: TestClient, accountId: string, caseId: string, description: string) {
  const today = businessDate(t.clock.now(), t.app.ctx.config.timeZone);
  const note = await agent.post('/api/notes', {
    accountId,
    caseId,
    contactReason: 'Frage zur letzten Rechnung',
    actionsTaken: 'Rechnung erklärt',
    commitments: [{ description, dueOn: today }],
  });
  expect(note.status).toBe(201);
  return note.body as { id: string };
}

async function surveyLink(language: Lang): Promise<string> {
  const account = await createAccount(t, { language, firstName: language === 'de' ? 'Jürgen' : 'June' });
  const kase = await createCase(t, account.id);
  return sendSurveyNow(t, base, kase.id);
}

/**
 * An angry customer's verified refund case with two requests on goods bought 45 days ago (beyond
 * every window): one evaluated on the case, one escalated to the exceptions queue.
 */
async function refundCase(agent: TestClient) {
  const account = await createAccount(t, { firstName: 'Rudi', lastName: 'Rückgabe' });
  const opened = await agent.post('/api/cases', {
    accountId: account.id,
    type: 'refund',
    channel: 'phone',
    mood: 'angry',
  });
  expect(opened.status).toBe(201);
  await markVerified(t, opened.body.id);
  const ids: string[] = [];
  for (const totalMinor of [12_000, 8_000]) {
    const { paymentId } = await addPaidOrder(t, account.id, {
      totalMinor,
      orderedAt: new Date(t.clock.now().getTime() - 45 * DAY),
    });
    const created = await agent.post(`/api/cases/${opened.body.id}/refund-requests`, {
      paymentId,
      reasonCode: 'poor_support',
      customerWords: 'Niemand hat mir geantwortet.',
      mood: 'angry',
      requestedMinor: totalMinor,
      currency: 'EUR',
    });
    expect(created.status).toBe(201);
    ids.push(created.body.id);
  }
  expect((await agent.post(`/api/refund-requests/${ids[1]}/escalate`, {})).status).toBe(200);
  return { caseId: opened.body.id as string, queuedId: ids[1]! };
}

beforeAll(async () => {
  const agent = await t.login('agent');
  // four Achterbergs, so that one search shows every kind of badge a hit can carry
  const normal = await createAccount(t, {
    firstName: 'Greta',
    lastName: 'Achterberg',
    phone: '+49 30 1234567',
    representatives: [
      { firstName: 'Karl', lastName: 'Achterberg', relationship: 'legal_guardian', canCancel: true },
    ],
  });
  await addBilling(t, normal.id);
  await addOrder(t, normal.id);
  const opened = await agent.post('/api/cases', {
    accountId: normal.id,
    type: 'cancellation',
    channel: 'phone',
    mood: 'upset',
    subject: 'Möchte zum Laufzeitende kündigen',
  });
  expect(opened.status).toBe(201);
  await openNote(agent, normal.id, opened.body.id, 'Rückruf mit Ergebnis der Prüfung');
  const sent = await agent.post(`/api/cases/${opened.body.id}/messages`, { body: 'Ihre Kündigung ist da.' });
  expect(sent.status).toBe(201);
  await createDeliveryWorker({ db: t.db, clock: t.clock, transport: mailboxTransport() }).runOnce();
  const failing = await agent.post(`/api/cases/${opened.body.id}/messages`, { body: 'Zweiter Versuch' });
  expect(failing.status).toBe(201);
  await t.db
    .updateTable('outbox_messages')
    .set({ state: 'failed', last_error: 'mailbox full' })
    .where('id', '=', failing.body.id)
    .execute();
  await agent.post(`/api/cases/${opened.body.id}/messages`, { body: 'Noch in der Warteschlange' });

  const locked = await createAccount(t, { firstName: 'Lotte', lastName: 'Achterberg' });
  const lockedCase = await createCase(t, locked.id);
  for (let i = 0; i < 3; i++)
    await agent.post(`/api/cases/${lockedCase.id}/verification`, {
      subject: { type: 'holder' },
      answers: { date_of_birth: '08.03.1980', postal_code: '99999' },
    });

  const suspended = await createAccount(t, {
    firstName: 'Sepp',
    lastName: 'Achterberg',
    status: 'suspended',
  });

  const overdue = await createAccount(t, { firstName: 'Olga', lastName: 'Achterberg' });
  const overdueCase = await agent.post('/api/cases', {
    accountId: overdue.id,
    type: 'refund',
    channel: 'email',
    mood: 'angry',
  });
  const note = await openNote(agent, overdue.id, overdueCase.body.id, 'Ersatzlieferung nachverfolgen');
  // a promise due before today cannot be written; it becomes one by waiting
  await t.db
    .updateTable('commitments')
    .set({ due_on: '2020-01-15' })
    .where('note_id', '=', note.id)
    .execute();

  const verifiedCase = await createCase(t, normal.id);
  const verified = await agent.post(`/api/cases/${verifiedCase.id}/verification`, {
    subject: { type: 'holder' },
    answers: { date_of_birth: '07.03.1980', postal_code: DEFAULT_SECRETS.postal_code },
  });
  expect(verified.body.result).toBe('verified');

  const refund = await refundCase(agent);

  f = {
    refund,
    normal: { id: normal.id, caseId: opened.body.id },
    locked: { id: locked.id, caseId: lockedCase.id },
    suspended: { id: suspended.id },
    overdue: { id: overdue.id },
    verifiedCaseId: verifiedCase.id,
    surveyLinks: { de: await surveyLink('de'), en: await surveyLink('en') },
  };
});

interface PageState {
  name: string;
  role: Role | 'anonymous';
  /** Brings the page into the state and waits until it shows it. */
  show: (page: Page, lang: Lang) => Promise<void>;
}

const goto = async (page: Page, path: string, ready: string) => {
  await page.goto(`${base}${path}`);
  await page.locator(ready).first().waitFor();
};

const STATES: PageState[] = [
  {
    name: 'login page',
    role: 'anonymous',
    show: (page) => goto(page, '/', 'input[type="password"]'),
  },
  {
    name: 'search, empty',
    role: 'agent',
    show: (page) => goto(page, '/', '[data-testid="search-input"]'),
  },
  {
    name: 'search, with results',
    role: 'agent',
    show: async (page) => {
      await goto(page, '/?q=Achterberg', '[data-testid="search-hit"]');
      await page.getByTestId('search-hit').nth(3).waitFor();
    },
  },
  {
    name: 'account, normal',
    role: 'agent',
    show: (page) =>
      goto(page, `/accounts/${f.normal.id}`, '[data-testid="notes-history"] [data-testid="note"]'),
  },
  {
    name: 'account, verification locked (lead)',
    role: 'lead',
    show: (page) => goto(page, `/accounts/${f.locked.id}`, '[data-testid="account-locked"]'),
  },
  {
    name: 'account, suspended',
    role: 'agent',
    show: (page) => goto(page, `/accounts/${f.suspended.id}`, '[data-testid="account-name"]'),
  },
  {
    name: 'account, overdue commitments',
    role: 'agent',
    show: (page) => goto(page, `/accounts/${f.overdue.id}`, '[data-overdue="true"]'),
  },
  {
    name: 'account, new-case dialog open',
    role: 'agent',
    show: async (page) => {
      await goto(page, `/accounts/${f.normal.id}`, '[data-testid="new-case"]');
      await page.getByTestId('new-case').click();
      await page.getByRole('dialog').waitFor();
    },
  },
  {
    name: 'shortcuts dialog open',
    role: 'agent',
    show: async (page) => {
      await goto(page, `/accounts/${f.normal.id}`, '[data-testid="account-name"]');
      await page.keyboard.press('Shift+?');
      await page.getByRole('dialog').waitFor();
    },
  },
  {
    name: 'case, unverified',
    role: 'agent',
    show: (page) => goto(page, `/cases/${f.normal.caseId}`, '[data-testid="verify"]'),
  },
  {
    name: 'case, unverified (lead, with override)',
    role: 'lead',
    show: (page) => goto(page, `/cases/${f.normal.caseId}`, '[data-testid="verify"]'),
  },
  {
    name: 'case, verified',
    role: 'agent',
    show: (page) => goto(page, `/cases/${f.verifiedCaseId}`, '[data-testid="verification-state"]'),
  },
  {
    name: 'case, refund panel with evaluations',
    role: 'agent',
    show: (page) => goto(page, `/cases/${f.refund.caseId}`, '[data-testid="refund-actions"]'),
  },
  {
    name: 'exceptions queue, with rows',
    role: 'lead',
    show: (page) => goto(page, '/exceptions', '[data-testid="exception-row"]'),
  },
  {
    name: 'exceptions queue, empty (a reason nobody asked for)',
    role: 'lead',
    show: async (page, lang) => {
      await goto(page, '/exceptions', '[data-testid="exception-row"]');
      await page
        .locator('input')
        .and(page.getByLabel(lang === 'de' ? 'Nach Grund filtern' : 'Filter by reason'))
        .click();
      await page
        .getByRole('option', { name: lang === 'de' ? 'Doppelt abgebucht' : 'Duplicate charge' })
        .click();
      await page.getByTestId('exceptions-empty').waitFor();
    },
  },
  {
    name: 'exception, the lead deciding',
    role: 'lead',
    show: (page) => goto(page, `/exceptions/${f.refund.queuedId}`, '[data-testid="refund-decision-form"]'),
  },
  {
    name: 'case, verification locked',
    role: 'agent',
    show: (page) => goto(page, `/cases/${f.locked.caseId}`, '[data-testid="verification-locked"]'),
  },
  {
    name: 'my commitments',
    role: 'agent',
    show: (page) => goto(page, '/commitments', '[data-testid="commitment"]'),
  },
  {
    name: 'cases list',
    role: 'agent',
    show: (page) => goto(page, '/cases', '[data-testid="case-row"]'),
  },
  {
    name: 'mailbox',
    role: 'admin',
    show: (page) => goto(page, '/mailbox', '[data-testid="mailbox-row"]'),
  },
  {
    name: 'mailbox, message open',
    role: 'admin',
    show: async (page) => {
      await goto(page, '/mailbox', '[data-testid="mailbox-row"]');
      await page.getByTestId('mailbox-row').first().click();
      await page.getByTestId('message-full').waitFor();
    },
  },
  {
    name: 'templates editor',
    role: 'admin',
    show: (page) => goto(page, '/admin/templates', '[data-testid="preview-subject"]:not(:empty)'),
  },
  {
    name: 'settings',
    role: 'admin',
    show: (page) => goto(page, '/admin/settings', '[data-testid="desk-save"]'),
  },
  {
    name: 'refund policy editor',
    role: 'admin',
    show: (page) => goto(page, '/admin/policy', '[data-testid="policy-editor"]'),
  },
  {
    name: 'refund policy, a draft with its diff',
    role: 'admin',
    show: async (page) => {
      await goto(page, '/admin/policy', '[data-testid="policy-editor"]');
      await page.getByTestId('window-physical-days').fill('44');
      await page.getByTestId('policy-save').click();
      await page.locator('[data-testid="policy-change"]').first().waitFor();
    },
  },
  {
    name: 'users',
    role: 'admin',
    show: (page) => goto(page, '/admin/users', 'table tbody tr'),
  },
  {
    name: 'audit log',
    role: 'admin',
    show: (page) => goto(page, '/admin/audit', 'table tbody tr'),
  },
  {
    name: 'audit log, JSON shown',
    role: 'admin',
    show: async (page) => {
      await goto(page, '/admin/audit', '[data-testid="audit-row"]');
      await page.getByTestId('audit-row').first().locator('button[aria-expanded]').click();
      await page.getByTestId('audit-json').waitFor();
    },
  },
  {
    name: 'audit log, a filter that finds nothing',
    role: 'admin',
    show: async (page) => {
      await goto(page, '/admin/audit', '[data-testid="audit-row"]');
      const account = page.getByTestId('audit-filter-accountId');
      await account.fill('K9999999');
      await account.press('Enter');
      await page.getByTestId('audit-empty').waitFor();
    },
  },
  {
    name: 'survey page (public)',
    role: 'anonymous',
    show: async (page, lang) => {
      await page.goto(f.surveyLinks[lang]);
      await page.locator('input[type="radio"]').first().waitFor();
    },
  },
  {
    name: 'refund policy page (public)',
    role: 'anonymous',
    show: async (page, lang) => {
      await page.goto(`${base}/policy?lang=${lang}`);
      await page.locator('section#returns').waitFor();
    },
  },
];

const found = new Map<string, AxeViolation[]>();

afterAll(() => {
  // one line per state, so that a run says at a glance where the remaining findings are
  const lines = [...found].map(([state, vs]) => {
    const nodes = (impact: string) =>
      vs.filter((v) => v.impact === impact).reduce((n, v) => n + v.nodes.length, 0);
    return `  ${state.padEnd(52)} critical ${nodes('critical')}  serious ${nodes('serious')}  moderate ${nodes('moderate')}  minor ${nodes('minor')}`;
  });
  if (lines.length > 0) console.log(`axe-core findings (elements) per page state:\n${lines.join('\n')}`);
});

describe.each(['de', 'en'] as const)('in %s', (lang) => {
  it.each(STATES)('$name has no critical or serious WCAG violation', async (state) => {
    const page = await deskPage(state.role, lang);
    await state.show(page, lang);
    // screen readers choose their voice by it: it follows the chosen language, also after a reload
    expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);
    const violations = await axeViolations(page);
    found.set(`${lang} · ${state.name}`, violations);
    const bad = blocking(violations);
    expect(bad.length, formatViolations(`${lang} · ${state.name}`, bad)).toBe(0);
  });
});

interface Focused {
  tag: string;
  name: string;
  testId: string;
  /** The browser shows a focus ring on it (keyboard focus is visible). */
  ringed: boolean;
}

/** What has the keyboard focus, named as a screen reader would roughly name it. */
const focused = (page: Page): Promise<Focused> =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { tag: 'body', name: '', testId: '', ringed: false };
    const label = (el as HTMLInputElement).labels?.[0]?.textContent;
    const name = el.getAttribute('aria-label') ?? label ?? el.textContent ?? '';
    return {
      tag: el.tagName.toLowerCase(),
      name: name.replace(/\s+/g, ' ').trim(),
      testId: el.dataset.testid ?? '',
      ringed: el.matches(':focus-visible'),
    };
  });

/** Presses Tab until the focus is on what `wanted` accepts; fails with the way it went when it never gets there. */
async function tabTo(page: Page, wanted: (f: Focused) => boolean, what: string): Promise<void> {
  const path: string[] = [];
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if (wanted(f)) {
      expect(f.ringed, `${what} has the focus but shows no focus ring`).toBe(true);
      return;
    }
    path.push(`${f.tag}${f.testId ? `[${f.testId}]` : ''} "${f.name.slice(0, 40)}"`);
  }
  throw new Error(`Tab never reached ${what}; it went:\n  ${path.join('\n  ')}`);
}

const named = (start: string) => (f: Focused) => f.name.startsWith(start);

/** WCAG contrast of two computed CSS colours (rgb(r, g, b)). */
function cssContrast(a: string, b: string): number {
  const lum = (css: string) => {
    const [r, g, bl] = (css.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map((n) => {
      const c = Number(n) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

it('outlines every field at 3:1 against the page (non-text contrast, which axe does not measure)', async () => {
  const page = await deskPage('agent', 'de');
  await goto(page, `/cases/${f.normal.caseId}`, '[data-testid="verify"]');
  const fields = await page
    .locator('main input:not([type="radio"]):not([type="hidden"]), main textarea')
    .evaluateAll((els) =>
      els.map((el) => ({
        name: (el as HTMLInputElement).labels?.[0]?.textContent ?? el.getAttribute('aria-label') ?? '',
        border: getComputedStyle(el).borderTopColor,
      })),
    );
  expect(fields.length).toBeGreaterThan(3);
  for (const field of fields)
    expect(
      cssContrast(field.border, 'rgb(255, 255, 255)'),
      `${field.name}: ${field.border}`,
    ).toBeGreaterThanOrEqual(3);
});

describe('by keyboard only', () => {
  it('Tab first reaches a skip link that takes the focus past header and navigation to the page', async () => {
    const page = await deskPage('agent', 'de');
    await page.goto(`${base}/accounts/${f.normal.id}`);
    await page.getByTestId('account-name').waitFor();
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ tag: 'a', name: 'Zum Inhalt springen', ringed: true });
    const shown = await page.locator('.skip-link').boundingBox();
    expect(shown!.y).toBeGreaterThanOrEqual(0);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.querySelector('main')?.contains(document.activeElement))).toBe(
      true,
    );
  });

  it('walks a call without the mouse: log in, find the caller, open the account, a new case, verify, write the note', async () => {
    const caller = await createAccount(t, { firstName: 'Walli', lastName: 'Tastenreich' });
    const context = await browser.newContext({ locale: 'de-DE', viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    const { email, password } = DEMO_LOGINS.find((l) => l.role === 'agent')!;
    // a German call: the login applies the saved language, which another test may have set to English
    await t.db.updateTable('staff_users').set({ locale: 'de' }).where('email', '=', email).execute();
    await page.goto(base);
    await page.locator('input[type="password"]').waitFor();
    // the e-mail field has the focus
    await page.keyboard.type(email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(password);
    await page.keyboard.press('Enter');

    // the search box has the focus; the hits are reached with Tab
    await page.getByRole('heading', { name: 'Kunden finden' }).waitFor();
    await page.keyboard.type('Tastenreich');
    await page.keyboard.press('Enter');
    await page.getByTestId('search-hit').filter({ hasText: caller.accountNumber }).waitFor();
    await tabTo(page, named(caller.accountNumber), 'the hit');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Walli Tastenreich' }).waitFor();

    // a new case, with its defaults and a subject
    await tabTo(page, (x) => x.testId === 'new-case', 'the new-case button');
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: 'Neuer Vorgang' }).waitFor();
    await tabTo(page, named('Betreff'), 'the subject');
    await page.keyboard.type('Rückfrage per Tastatur');
    await page.keyboard.press('Enter');
    await page.getByTestId('case-subject').filter({ hasText: 'Rückfrage per Tastatur' }).waitFor();

    // verify the caller
    await tabTo(page, named('Geburtsdatum'), 'the date of birth');
    await page.keyboard.type('07.03.1980');
    await tabTo(page, named('Postleitzahl'), 'the postal code');
    await page.keyboard.type(DEFAULT_SECRETS.postal_code);
    await page.keyboard.press('Enter');
    await page.getByTestId('verification-state').filter({ hasText: 'Verifiziert' }).waitFor();

    // the note
    await tabTo(page, named('Anlass des Kontakts'), 'the contact reason');
    await page.keyboard.type('Frage zur Kündigungsfrist');
    await tabTo(page, named('Ergriffene Maßnahmen'), 'the actions taken');
    await page.keyboard.type('Frist erklärt');
    await tabTo(page, named('Notiz speichern'), 'the save button');
    await page.keyboard.press('Enter');
    await page.getByTestId('note').filter({ hasText: 'Frage zur Kündigungsfrist' }).waitFor();
    const notes = await t.db
      .selectFrom('notes')
      .select('contact_reason')
      .where('account_id', '=', caller.id)
      .execute();
    expect(notes).toEqual([{ contact_reason: 'Frage zur Kündigungsfrist' }]);
    await context.close();
  });
});
