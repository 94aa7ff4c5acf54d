import type { Browser } from 'playwright-core';
import { expect, it } from 'vitest';
import { createAccount } from '../test/factories';
import type { TestApp } from '../test/harness';
import { axeViolations, blocking, formatViolations } from './axe';
import { logIn, withBrowserDesk } from './desk';

let t: TestApp;
let browser: Browser;
let base: string;
withBrowserDesk((desk) => {
  ({ t, browser, base } = desk);
});

it('lets an admin edit a template with a live preview, refuses a broken one, and saves', async () => {
  const page = await browser.newPage({ locale: 'de-DE' });
  await logIn(page, base, 'admin');
  await page.getByRole('link', { name: 'Vorlagen' }).click();
  await page.getByTestId('preview-subject').filter({ hasText: 'Ihr Anliegen C-1000' }).waitFor();

  const subject = page.getByTestId('template-subject');
  await subject.fill('Neuigkeiten zu {{case.number}} für {{customer.firstName}}');
  await page.getByTestId('preview-subject').filter({ hasText: 'Neuigkeiten zu C-1000 für Erika' }).waitFor();

  await subject.fill('Hallo {{kunde.vorname}}');
  await page.getByTestId('template-error').filter({ hasText: 'kunde.vorname' }).waitFor();
  expect(await page.getByTestId('template-save').isDisabled()).toBe(true);

  await subject.fill('Neuigkeiten zu {{case.number}}');
  await page.getByTestId('preview-subject').filter({ hasText: 'Neuigkeiten zu C-1000' }).waitFor();
  await page.getByTestId('template-save').click();
  await page.getByText('angepasst').waitFor();
  const saved = await t.db
    .selectFrom('message_templates')
    .selectAll()
    .where('kind', '=', 'case_update')
    .where('language', '=', 'de')
    .executeTakeFirstOrThrow();
  expect(saved.subject).toBe('Neuigkeiten zu {{case.number}}');
  await page.close();
});

it('shows the HTML part in a sandboxed preview that follows every edit and runs no script', async () => {
  const page = await browser.newPage({ locale: 'de-DE' });
  await logIn(page, base, 'admin');
  await page.getByRole('link', { name: 'Vorlagen' }).click();
  await page.getByTestId('preview-subject').filter({ hasText: 'C-1000' }).waitFor();

  await page.getByTestId('preview-html-tab').click();
  const frame = page.getByTestId('preview-html');
  await frame.waitFor();
  expect(await frame.getAttribute('sandbox')).toBe('');
  const html = page.frameLocator('[data-testid="preview-html"]');
  await html.locator('body').filter({ hasText: 'Erika Mustermann' }).waitFor();

  // the script comes before the heading, so once the heading is there the script has had its chance
  await page
    .getByTestId('template-html')
    .fill(
      '<p id="marker">unverändert</p>' +
        "<script>document.getElementById('marker').textContent = 'Skript lief'</script>" +
        '<h1 id="hello">Hallo {{customer.firstName}} zu {{case.number}}</h1>',
    );
  await html.locator('#hello').filter({ hasText: 'Hallo Erika zu C-1000' }).waitFor();
  expect(await html.locator('#marker').textContent()).toBe('unverändert');
  expect(await html.locator('body').textContent()).not.toContain('Mustermann');

  await page.getByTestId('template-html').fill('<h2 id="bye">Tschüss {{customer.lastName}}</h2>');
  await html.locator('#bye').filter({ hasText: 'Tschüss Mustermann' }).waitFor();
  expect(await html.locator('#hello').count()).toBe(0);
  await page.close();
});

/** A case opened through the API, so it has the number agents read out (C-…). */
async function caseOf(language: 'de' | 'en', firstName: string): Promise<string> {
  const account = await createAccount(t, { language, firstName, lastName: 'Vorschau' });
  const opened = await (await t.login('agent')).post('/api/cases', {
    accountId: account.id,
    type: 'inquiry',
    channel: 'phone',
  });
  expect(opened.status).toBe(201);
  return opened.body.caseNumber;
}

it("previews a template for a case number, all in the customer's language, and says when that is not the draft's", async () => {
  const german = await caseOf('de', 'Greta');
  const english = await caseOf('en', 'Mary');
  const page = await browser.newPage({ locale: 'de-DE', viewport: { width: 960, height: 900 } });
  await logIn(page, base, 'admin');
  await page.getByRole('link', { name: 'Vorlagen' }).click();
  await page.getByTestId('preview-subject').filter({ hasText: 'C-1000' }).waitFor();
  await page
    .locator('input')
    .and(page.getByLabel('Vorlage', { exact: true }))
    .click();
  await page.getByRole('option', { name: 'Vorgang abgeschlossen (DE)' }).click();
  await page
    .getByTestId('preview-subject')
    .filter({ hasText: 'Ihr Anliegen C-1000 ist abgeschlossen' })
    .waitFor();

  // typed as agents say it: the number without its prefix
  const caseField = page.getByLabel('Vorgangsnummer für die Vorschau (optional)');
  await caseField.fill(german.replace('C-', ''));
  await page
    .getByTestId('preview-for')
    .filter({ hasText: `Vorschau für ${german} in der Sprache des Kunden (Deutsch).` })
    .waitFor();
  expect(await page.getByTestId('preview-subject').textContent()).toBe(
    `Ihr Anliegen ${german} ist abgeschlossen`,
  );
  expect(await page.getByTestId('preview-text').textContent()).toMatch(/^Guten Tag Greta Vorschau,/);

  // an English customer gets the English template: the preview shows it, all of it in English
  await caseField.fill(english);
  const note = page.getByTestId('preview-other-language');
  await note.waitFor();
  expect(await note.textContent()).toContain(`Der Kunde zu ${english} erhält Nachrichten auf Englisch`);
  await page
    .getByTestId('preview-subject')
    .filter({ hasText: `Your request ${english} is resolved` })
    .waitFor();
  const text = (await page.getByTestId('preview-text').textContent()) ?? '';
  expect(text).toMatch(/^Dear Mary Vorschau,/);
  expect(text).toContain('Kind regards');
  for (const german of ['Guten Tag', 'Anliegen', 'Freundliche Grüße']) expect(text).not.toContain(german);
  const violations = blocking(await axeViolations(page));
  expect(violations, formatViolations('preview for a customer of the other language', violations)).toEqual(
    [],
  );

  await note.getByRole('button', { name: 'Vorlage auf Englisch bearbeiten' }).click();
  await page
    .getByTestId('preview-for')
    .filter({ hasText: `Vorschau für ${english} in der Sprache des Kunden (Englisch).` })
    .waitFor();
  expect(
    await page
      .locator('input')
      .and(page.getByLabel('Vorlage', { exact: true }))
      .inputValue(),
  ).toBe('Vorgang abgeschlossen (EN)');

  await caseField.fill('C-999999');
  await page.getByText('Dieser Vorgang wurde nicht gefunden.').waitFor();
  await page.close();
});

it("words what is wrong with a template in the language of the UI, not the server's English", async () => {
  const page = await browser.newPage({ locale: 'de-DE' });
  await logIn(page, base, 'admin');
  await page.getByRole('link', { name: 'Vorlagen' }).click();
  await page.getByTestId('preview-subject').filter({ hasText: 'C-1000' }).waitFor();
  await page.getByTestId('template-subject').fill('Hallo {{kunde.vorname}}');
  const error = page.getByTestId('template-error');
  await error
    .filter({ hasText: 'Betreff: Die Variable „kunde.vorname“ gibt es in dieser Vorlage nicht.' })
    .waitFor();
  expect(await error.textContent()).not.toContain('unknown variable');

  await page.getByText('EN', { exact: true }).click();
  await error.filter({ hasText: 'Subject: this template has no variable "kunde.vorname".' }).waitFor();
  expect(await error.textContent()).not.toContain('Variable');
  await page.getByTestId('template-subject').fill('{{#case.number}} offen');
  await error.filter({ hasText: 'Subject: the section "case.number" is never closed' }).waitFor();
  const violations = blocking(await axeViolations(page));
  expect(violations, formatViolations('template error, English', violations)).toEqual([]);
  // the admin's saved language goes back to German for whoever logs in next
  await page.getByText('DE', { exact: true }).click();
  await page.getByRole('link', { name: 'Vorlagen' }).waitFor();
  await page.close();
});
