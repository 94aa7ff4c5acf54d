import type { Browser } from 'playwright-core';
import { expect, it } from 'vitest';
import type { TestApp } from '../test/harness';
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
