import type { Browser } from 'playwright-core';
import { expect, it } from 'vitest';
import { addDays, businessDate, DAY, HOUR } from '../src/platform/clock';
import { createAccount, createCase, DEFAULT_SECRETS } from '../test/factories';
import type { TestApp } from '../test/harness';
import { logIn, withBrowserDesk } from './desk';

let t: TestApp;
let browser: Browser;
let base: string;
withBrowserDesk((desk) => {
  ({ t, browser, base } = desk);
});

/** The company's calendar day on the server's clock (what due dates are checked against). */
const serverToday = () => businessDate(t.clock.now(), t.app.ctx.config.timeZone);

it('finds a caller by phone, verifies them after one failure, writes a note with a commitment that the account page lists first with its open promises, takes an addendum, in German and English', async () => {
  const account = await createAccount(t, {
    firstName: 'Greta',
    lastName: 'Grünwald',
    phone: '+49 30 1234567',
    email: 'greta@example.de',
    secrets: DEFAULT_SECRETS,
  });
  // an earlier contact a day ago, whose promise was due that day and is overdue now
  const earlierCase = await createCase(t, account.id);
  const earlier = await (await t.login('agent')).post('/api/notes', {
    accountId: account.id,
    caseId: earlierCase.id,
    contactReason: 'Lieferung beschädigt angekommen',
    actionsTaken: 'Ersatz zugesagt',
    commitments: [{ description: 'Ersatzlieferung nachverfolgen', dueOn: serverToday() }],
  });
  expect(earlier.status).toBe(201);
  t.clock.advance(DAY + HOUR);
  const page = await browser.newPage({ locale: 'de-DE' });
  await logIn(page, base, 'agent');

  // the search box is focused: type the number as the caller says it, the hits come as it is
  // typed, Enter opens the first hit
  await page.getByTestId('search-input').fill('030 / 123 45 67');
  await page.getByTestId('interpreted-as').filter({ hasText: '+49301234567' }).waitFor();
  await page.getByTestId('search-hit').first().waitFor();
  expect(await page.getByTestId('search-hit').first().textContent()).toContain(account.accountNumber);
  await page.keyboard.press('Enter');
  await page.getByTestId('account-name').filter({ hasText: 'Greta Grünwald' }).waitFor();

  await page.getByTestId('new-case').click();
  await page.getByRole('button', { name: 'Vorgang eröffnen' }).click();
  await page.getByTestId('case-number').waitFor();
  expect(page.url()).toContain('/cases/');

  // a wrong date of birth: not verified, two tries left
  await page.getByLabel('Geburtsdatum').fill('08.03.1980');
  await page.getByLabel('Postleitzahl').fill('10115');
  await page.getByTestId('verify').click();
  await page.getByTestId('verification-failed').filter({ hasText: 'noch 2 Versuche' }).waitFor();

  await page.getByLabel('Geburtsdatum').fill('7.3.1980');
  await page.getByLabel('Postleitzahl').fill('10115');
  await page.getByTestId('verify').click();
  await page.getByTestId('verification-state').filter({ hasText: 'Verifiziert' }).waitFor();

  await page.getByLabel('Anlass des Kontakts').fill('Frage zur Rechnung März');
  await page.getByLabel('Ergriffene Maßnahmen').fill('Rechnung erklärt, Gutschrift geprüft');
  await page.getByRole('button', { name: 'Zusage hinzufügen' }).click();
  await page.getByLabel('Zusage', { exact: true }).fill('Rückruf mit Ergebnis der Prüfung');
  // a promise due yesterday is refused at its date, in German (the server's own message is English)
  // the due date is typed and shown the German way (TT.MM.JJJJ), whatever the browser's locale
  const dueOn = page.getByLabel('Fällig am');
  expect(await dueOn.getAttribute('placeholder')).toBe('TT.MM.JJJJ');
  await dueOn.fill(germanDay(addDays(serverToday(), -1)));
  await dueOn.press('Tab');
  await page.getByTestId('save-note').click();
  await page.getByText('Das Fälligkeitsdatum liegt in der Vergangenheit.').waitFor();
  expect(await page.getByText('is before today').count()).toBe(0);
  const dueDay = addDays(serverToday(), 2);
  await dueOn.fill(dueDay); // ISO is read too, and shown back in German
  await dueOn.press('Tab');
  expect(await dueOn.inputValue()).toBe(germanDay(dueDay));
  await page.getByTestId('save-note').click();
  await page.getByTestId('note').filter({ hasText: 'Frage zur Rechnung März' }).waitFor();
  // the toast that says so can be closed by a named button (a screen reader says "Schließen")
  const toast = page.locator('.mantine-Notification-root').filter({ hasText: 'Notiz gespeichert' });
  await toast.getByRole('button', { name: 'Schließen' }).click();
  await toast.waitFor({ state: 'detached' });

  // the account page after a reload: the new note first, the earlier one after it
  await page
    .getByRole('link', { name: /Greta Grünwald/ })
    .first()
    .click();
  await page.getByTestId('account-name').waitFor();
  await page.reload();
  const history = page.getByTestId('notes-history').getByTestId('note');
  await history.nth(1).waitFor();
  expect(await history.count()).toBe(2);
  expect(await history.nth(0).textContent()).toContain('Frage zur Rechnung März');
  expect(await history.nth(0).textContent()).toContain('Rückruf mit Ergebnis der Prüfung');
  expect(await history.nth(1).textContent()).toContain('Lieferung beschädigt angekommen');
  const saved = await t.db
    .selectFrom('commitments')
    .selectAll()
    .where('account_id', '=', account.id)
    .execute();
  expect(saved).toHaveLength(2);

  // both promises in the open-commitments section, the overdue one first and marked
  const open = page.getByTestId('open-commitments').getByTestId('open-commitment');
  expect(await open.count()).toBe(2);
  expect(await open.nth(0).textContent()).toContain('Ersatzlieferung nachverfolgen');
  expect(await open.nth(0).textContent()).toContain('überfällig');
  expect(await open.nth(0).getAttribute('data-overdue')).toBe('true');
  expect(await open.nth(1).textContent()).toContain('Rückruf mit Ergebnis der Prüfung');
  expect(await open.nth(1).textContent()).toContain('Anna Agentin');
  expect(await open.nth(1).getAttribute('data-overdue')).toBe('false');

  // overdue is said in words, not only in red; the table names its columns
  expect(await open.nth(0).textContent()).toMatch(/überfällig seit \d+ Tag/);
  await page.getByTestId('open-commitments').getByRole('columnheader', { name: 'Zusage' }).waitFor();

  // the owner keeps a promise with a double click: it closes once, and the row stays where it
  // was (struck through, with an Undo) instead of sliding the next one under the cursor
  const callBack = open.nth(1);
  await callBack.getByRole('button', { name: 'Erledigt' }).dblclick();
  await callBack.getByRole('button', { name: 'Rückgängig' }).waitFor();
  await history.nth(0).getByText('erledigt').waitFor();
  expect(await open.count()).toBe(2);
  expect(await callBack.getAttribute('data-done')).toBe('true');
  expect(await callBack.textContent()).toContain('Rückruf mit Ergebnis der Prüfung');
  const closings = await t.db
    .selectFrom('audit_events')
    .select('action')
    .where('action', '=', 'commitment.done')
    .where('entity_id', '=', saved.find((c) => c.description === 'Rückruf mit Ergebnis der Prüfung')!.id)
    .execute();
  expect(closings).toHaveLength(1);

  // undo: open again, in place; then done again, and after a reload it has left the section
  await callBack.getByRole('button', { name: 'Rückgängig' }).click();
  await callBack.getByRole('button', { name: 'Erledigt' }).waitFor();
  expect(await callBack.getAttribute('data-done')).toBe('false');
  const reopened = await t.db
    .selectFrom('commitments')
    .select('status')
    .where('account_id', '=', account.id)
    .execute();
  expect(reopened.map((c) => c.status)).toEqual(['open', 'open']);
  await callBack.getByRole('button', { name: 'Erledigt' }).click();
  await callBack.getByRole('button', { name: 'Rückgängig' }).waitFor();
  await page.reload();
  await history.nth(1).waitFor();
  await open.first().waitFor();
  expect(await open.count()).toBe(1);

  // an addendum to the earlier note, on the page as it is: an empty one is refused at the field
  await page.evaluate(() => {
    (window as unknown as { notReloaded?: boolean }).notReloaded = true;
  });
  const older = history.nth(1);
  await older.getByTestId('add-addendum').click();
  await older.getByLabel('Nachtrag zu dieser Notiz').fill('   ');
  await older.getByTestId('save-addendum').click();
  await older.getByText('Bitte den Nachtrag schreiben').waitFor();
  await older.getByLabel('Nachtrag zu dieser Notiz').fill('Korrektur: Ersatz ging schon gestern raus');
  await older.getByTestId('save-addendum').click();
  const addendum = older.getByTestId('addendum');
  await addendum.filter({ hasText: 'Korrektur: Ersatz ging schon gestern raus' }).waitFor();
  expect(await addendum.textContent()).toContain('Anna Agentin');
  expect(await older.getByTestId('addendum-form').count()).toBe(0);
  expect(await history.nth(0).getByTestId('addendum').count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);

  await page.getByText('EN', { exact: true }).click();
  await page.getByText('Previous notes').waitFor();
  await page.getByText('Open commitments (1)').waitFor();
  expect(await page.getByText('Bisherige Notizen').count()).toBe(0);
  await page.getByText('DE', { exact: true }).click();
  await page.getByText('Bisherige Notizen').waitFor();
  await page.close();
});

it('shows a lead, and only a lead, the unlock for an account locked after three failures, and asks for a reason', async () => {
  const account = await createAccount(t, {
    firstName: 'Lotte',
    lastName: 'Sperrling',
    secrets: DEFAULT_SECRETS,
  });
  const kase = await createCase(t, account.id);
  const api = await t.login('agent');
  for (let i = 0; i < 3; i++)
    await api.post(`/api/cases/${kase.id}/verification`, {
      subject: { type: 'holder' },
      answers: { date_of_birth: '08.03.1980', postal_code: '99999' },
    });

  const agentPage = await browser.newPage({ locale: 'de-DE' });
  await logIn(agentPage, base, 'agent');
  await agentPage.goto(`${base}/accounts/${account.id}`);
  await agentPage.getByTestId('account-locked').waitFor();
  expect(await agentPage.getByTestId('unlock-verification').count()).toBe(0);
  await agentPage.goto(`${base}/cases/${kase.id}`);
  await agentPage.getByTestId('verification-locked').waitFor();
  expect(await agentPage.getByTestId('unlock-verification').count()).toBe(0);
  await agentPage.close();

  const page = await browser.newPage({ locale: 'de-DE' });
  await logIn(page, base, 'lead');
  await page.goto(`${base}/accounts/${account.id}`);
  await page.getByTestId('account-locked').getByTestId('unlock-verification').waitFor();
  await page.goto(`${base}/cases/${kase.id}`);
  const locked = page.getByTestId('verification-locked');
  await locked.getByTestId('unlock-verification').click();
  await locked.getByLabel('Begründung für das Entsperren').fill('vertippt');
  await locked.getByTestId('confirm-unlock').click();
  await locked.getByText('Bitte eine Begründung mit 10 bis 1.000 Zeichen schreiben.').waitFor();
  await locked.getByLabel('Begründung für das Entsperren').fill('Kundin hat sich beim Geburtsdatum vertippt');
  await locked.getByTestId('confirm-unlock').click();
  await locked.waitFor({ state: 'detached' });
  await page.getByTestId('verify').waitFor();
  const audit = await t.db
    .selectFrom('audit_events')
    .selectAll()
    .where('account_id', '=', account.id)
    .where('action', '=', 'verification.unlocked')
    .executeTakeFirstOrThrow();
  expect(audit.changes).toMatchObject({ reason: 'Kundin hat sich beim Geburtsdatum vertippt' });
  await page.goto(`${base}/accounts/${account.id}`);
  await page.getByTestId('account-name').waitFor();
  expect(await page.getByTestId('account-locked').count()).toBe(0);
  await page.close();
});

it('lists my open cases, and everybody’s for whoever looks at all of them', async () => {
  const account = await createAccount(t, { firstName: 'Viktor', lastName: 'Vorgangsliste' });
  const agent = await t.login('agent');
  const opened = await agent.post('/api/cases', {
    accountId: account.id,
    type: 'cancellation',
    channel: 'phone',
    mood: 'upset',
    subject: 'Möchte zum Laufzeitende kündigen',
  });
  expect(opened.status).toBe(201);

  const page = await browser.newPage({ locale: 'de-DE' });
  await logIn(page, base, 'agent');
  await page.getByRole('link', { name: 'Vorgänge' }).click();
  const row = page.getByTestId('case-row').filter({ hasText: opened.body.caseNumber });
  await row.waitFor();
  expect(await row.textContent()).toContain('Möchte zum Laufzeitende kündigen');
  expect(await row.textContent()).toContain('Viktor Vorgangsliste');
  await row.getByRole('link', { name: opened.body.caseNumber }).click();
  await page.getByTestId('case-subject').filter({ hasText: 'Möchte zum Laufzeitende kündigen' }).waitFor();
  await page.close();

  // a lead has not taken this case: not among theirs, but among all
  const lead = await browser.newPage({ locale: 'de-DE' });
  await logIn(lead, base, 'lead');
  await lead.getByRole('link', { name: 'Vorgänge' }).click();
  await lead.locator('[data-testid="cases-list"][data-loaded="true"]').waitFor();
  expect(await lead.getByTestId('case-row').filter({ hasText: opened.body.caseNumber }).count()).toBe(0);
  await lead.locator('label', { hasText: 'Alle' }).click();
  await lead.getByTestId('case-row').filter({ hasText: opened.body.caseNumber }).waitFor();
  await lead.close();
});

it('lets an agent work by keyboard: ? lists the keys, N opens a case on the account and jumps to the note on the case', async () => {
  const account = await createAccount(t, { firstName: 'Tessa', lastName: 'Tastatur' });
  const kase = await createCase(t, account.id);
  const page = await browser.newPage({ locale: 'de-DE' });
  await logIn(page, base, 'agent');
  // the search box has the focus after login, where ? is just a character: leave it first
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('Shift+?');
  await page.getByRole('dialog', { name: 'Tastenkürzel' }).waitFor();
  await page.keyboard.press('Escape');

  await page.goto(`${base}/accounts/${account.id}`);
  await page.getByRole('heading', { name: 'Tessa Tastatur' }).waitFor();
  await page.keyboard.press('n');
  await page.getByRole('dialog', { name: 'Neuer Vorgang' }).waitFor();
  // the first field has the focus; the channel is the desk's: phone
  await expect
    .poll(() => page.evaluate(() => document.activeElement?.id))
    .toBe(await page.getByRole('dialog').getByLabel('Anliegen', { exact: true }).first().getAttribute('id'));
  expect(await page.getByRole('dialog').getByLabel('Kanal', { exact: true }).first().inputValue()).toBe(
    'Telefon',
  );
  await page.keyboard.press('Escape');

  await page.goto(`${base}/cases/${kase.id}`);
  await page.getByLabel('Anlass des Kontakts').waitFor();
  await page.keyboard.press('n');
  expect(await page.evaluate(() => document.activeElement?.id)).toBe(
    await page.getByLabel('Anlass des Kontakts').getAttribute('id'),
  );
  // typing N into a field is typing, not a shortcut
  await page.keyboard.type('Nachfrage');
  expect(await page.getByLabel('Anlass des Kontakts').inputValue()).toBe('Nachfrage');
  await page.close();
});

/** 2026-12-24 as a German agent writes it: 24.12.2026. */
function germanDay(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}.${m}.${y}`;
}

it('opens a new case assigned to the agent, and the next one on the channel this agent last chose', async () => {
  const account = await createAccount(t, { firstName: 'Chiara', lastName: 'Chat' });
  const page = await browser.newPage({ locale: 'de-DE' });
  await logIn(page, base, 'agent');
  await page.goto(`${base}/accounts/${account.id}`);
  await page.getByTestId('new-case').click();
  const dialog = page.getByRole('dialog', { name: 'Neuer Vorgang' });
  await dialog.getByTestId('new-case-assignee').filter({ hasText: '(Sie)' }).waitFor();
  await dialog.getByLabel('Kanal', { exact: true }).first().click();
  await page.getByRole('option', { name: 'Chat' }).click();
  await dialog.getByRole('button', { name: 'Vorgang eröffnen' }).click();
  await page.getByTestId('case-number').waitFor();
  const opened = await (await t.login('agent')).get(`/api/cases/${page.url().split('/cases/')[1]}`);
  expect(opened.body.channel).toBe('chat');
  expect(opened.body.assignee?.displayName).toBeTruthy();

  await page.goto(`${base}/accounts/${account.id}`);
  await page.getByTestId('new-case').click();
  expect(await dialog.getByLabel('Kanal', { exact: true }).first().inputValue()).toBe('Chat');
  await page.close();
});
