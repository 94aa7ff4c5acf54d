import type { Browser } from 'playwright-core';
import { expect, it } from 'vitest';
import type { TestApp } from '../test/harness';
import { logIn, withBrowserDesk } from './desk';

// An admin sees who is locked out of logging in and lets them back in with one click, audited.
let t: TestApp;
let browser: Browser;
let base: string;
withBrowserDesk((desk) => {
  ({ t, browser, base } = desk);
});

it('marks a user whose login is blocked and unlocks it from the users page', async () => {
  const admin = await t.login('admin');
  const created = await admin.post('/api/admin/staff', {
    email: 'gesperrt@kulanz.test',
    displayName: 'Gerda Gesperrt',
    role: 'agent',
    password: 'gerdas-password',
  });
  expect(created.status).toBe(201);
  const attempt = (password: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'gesperrt@kulanz.test', password },
      remoteAddress: '198.51.100.200',
    });
  for (let i = 0; i < 5; i++) expect((await attempt(`wrong-${i}-password`)).statusCode).toBe(401);
  expect((await attempt('gerdas-password')).statusCode).toBe(429);

  const page = await browser.newPage({ locale: 'de-DE' });
  await logIn(page, base, 'admin');
  await page.getByRole('link', { name: 'Benutzer' }).click();
  const row = page.getByRole('row').filter({ hasText: 'Gerda Gesperrt' });
  await row.getByText('Anmeldung gesperrt').waitFor();
  // nobody else is marked
  expect(await page.getByText('Anmeldung gesperrt').count()).toBe(1);
  // the admin is not offered to deactivate themselves, only the others
  expect(
    await page.getByRole('row').filter({ hasText: 'Ada Admin' }).getByTestId('toggle-user').count(),
  ).toBe(0);
  expect(await row.getByRole('button', { name: 'Deaktivieren' }).count()).toBe(1);
  await page.getByRole('columnheader', { name: 'Rolle' }).waitFor();
  await row.getByRole('button', { name: 'Anmeldung entsperren' }).click();
  await row.getByText('Anmeldung gesperrt').waitFor({ state: 'detached' });
  expect(await row.getByRole('button', { name: 'Anmeldung entsperren' }).count()).toBe(0);
  await page.close();

  expect((await attempt('gerdas-password')).statusCode).toBe(200);
  const audit = await t.db
    .selectFrom('audit_events')
    .select(['actor_id', 'changes'])
    .where('action', '=', 'staff.login_unlocked')
    .where('entity_id', '=', created.body.id)
    .execute();
  expect(audit).toEqual([
    { actor_id: 'usr_demo_admin', changes: { email: 'gesperrt@kulanz.test', clearedFailures: 5 } },
  ]);
});
