import type { Browser } from 'playwright-core';
import { expect, it } from 'vitest';
import { sendFollowUp } from '../src/modules/surveys';
import { createAccount, createCase } from '../test/factories';
import type { TestApp } from '../test/harness';
import { withBrowserDesk } from './desk';

let t: TestApp;
let browser: Browser;
let base: string;
withBrowserDesk(
  (desk) => {
    ({ t, browser, base } = desk);
  },
  { withUi: false },
);

it('lets a German customer answer the follow-up survey from the e-mail link, once', async () => {
  const account = await createAccount(t, {
    language: 'de',
    firstName: 'Jürgen',
    email: 'juergen@example.de',
  });
  const kase = await createCase(t, account.id);
  const agent = await t.login('agent');
  expect((await agent.post(`/api/cases/${kase.id}/follow-up`, { inDays: 0 })).status).toBe(201);
  const survey = await t.db
    .selectFrom('surveys')
    .selectAll()
    .where('case_id', '=', kase.id)
    .executeTakeFirstOrThrow();
  expect(survey.job_id).toBeTruthy();
  const sent = await sendFollowUp(
    {
      db: t.db,
      clock: t.clock,
      secret: t.secret,
      config: { timeZone: 'Europe/Berlin', publicUrl: base },
      jobs: t.jobs,
      actor: { id: null, role: 'system' },
    },
    { surveyId: survey.id, baseUrl: base },
  );
  expect(sent.sent).toBe(true);
  const mail = await t.db
    .selectFrom('outbox_messages')
    // the link waits for delivery in the message's clear copy; staff read it masked
    .innerJoin('outbox_clear_parts', 'outbox_clear_parts.message_id', 'outbox_messages.id')
    .select('outbox_clear_parts.text_body')
    .where('case_id', '=', kase.id)
    .executeTakeFirstOrThrow();
  const link = /(http:\/\/127\.0\.0\.1:\d+\/s\/[A-Za-z0-9_-]+)/.exec(mail.text_body)![1]!;

  const page = await browser.newPage({ locale: 'de-DE' });
  await page.goto(link);
  await expect(page.getByRole('heading', { name: 'Ihre Meinung' }).isVisible()).resolves.toBe(true);
  expect(await page.textContent('body')).toContain('Guten Tag Jürgen');
  await page.getByLabel('4 – zufrieden').check();
  await page.getByLabel('Möchten Sie uns noch etwas sagen? (freiwillig)').fill('Sehr hilfsbereit, danke!');
  await page.getByRole('button', { name: 'Antwort senden' }).click();
  await page.waitForSelector('[data-status="recorded"]');
  expect(await page.textContent('body')).toContain('Vielen Dank! Ihre Antwort ist bei uns angekommen.');

  const answered = await agent.get(`/api/cases/${kase.id}/surveys`);
  expect(answered.body.items[0]).toMatchObject({
    state: 'answered',
    rating: 4,
    comment: 'Sehr hilfsbereit, danke!',
  });

  await page.goto(link);
  expect(await page.textContent('body')).toContain('bereits beantwortet');
  await page.close();
});
