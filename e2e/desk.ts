import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { DEMO_LOGINS } from '../src/demo/seed-demo';
import { sendFollowUp } from '../src/modules/surveys';
import type { Role } from '../src/platform/roles';
import { startTestApp, type TestApp } from '../test/harness';
import { launchChromium } from './browser';

export interface BrowserDesk {
  /** The whole app on a private copy of the test database. */
  t: TestApp;
  browser: Browser;
  /** Where the app listens, e.g. http://127.0.0.1:41234 */
  base: string;
}

const WEB_DIST = join(import.meta.dirname, '..', 'web', 'dist');

/**
 * Registers the hooks of a browser test file: before all its tests the app starts with the built
 * UI on a free port and Chromium launches; after them both close. `ready` receives them.
 */
export function withBrowserDesk(
  ready: (desk: BrowserDesk) => void,
  options: { withUi?: boolean } = {},
): void {
  let desk: BrowserDesk | undefined;
  beforeAll(async () => {
    const t = await startTestApp(options.withUi === false ? {} : { webDist: WEB_DIST });
    const base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    desk = { t, base, browser: await launchChromium() };
    ready(desk);
  });
  afterAll(async () => {
    await desk?.browser.close();
    await desk?.t.close();
  });
}

/** Opens the login page, logs in as the demo user of that role, switches the UI to German (saved) and waits for the search page. */
export async function logIn(page: Page, base: string, role: Role): Promise<void> {
  const { email, password } = DEMO_LOGINS.find((l) => l.role === role)!;
  await page.goto(base);
  await page.getByLabel('E-Mail').fill(email);
  await page.getByLabel('Passwort').fill(password);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  // the login applies the staff member's saved language; an earlier test may have saved English
  await page.getByRole('heading', { name: /^(Kunden finden|Find a customer)$/ }).waitFor();
  if ((await page.getByRole('heading', { name: 'Find a customer' }).count()) > 0)
    await page.getByRole('banner').getByText('DE', { exact: true }).click();
  await page.getByRole('heading', { name: 'Kunden finden' }).waitFor();
}

/**
 * Schedules the case's follow-up, sends it now (the job's work) and returns the survey link the
 * customer got: it waits for delivery in the message's clear copy, staff read it masked.
 */
export async function sendSurveyNow(t: TestApp, base: string, caseId: string): Promise<string> {
  const agent = await t.login('agent');
  const scheduled = await agent.post(`/api/cases/${caseId}/follow-up`, { inDays: 0 });
  if (scheduled.status !== 201) throw new Error(`follow-up not scheduled: ${JSON.stringify(scheduled.body)}`);
  const survey = await t.db
    .selectFrom('surveys')
    .select('id')
    .where('case_id', '=', caseId)
    .executeTakeFirstOrThrow();
  const deps = {
    db: t.db,
    clock: t.clock,
    secret: t.secret,
    config: { timeZone: 'Europe/Berlin', publicUrl: base },
    jobs: t.jobs,
    actor: { id: null, role: 'system' as const },
  };
  const sent = await sendFollowUp(deps, { surveyId: survey.id, baseUrl: base });
  if (!sent.sent) throw new Error(`follow-up not sent: ${JSON.stringify(sent)}`);
  const mail = await t.db
    .selectFrom('outbox_messages')
    .innerJoin('outbox_clear_parts', 'outbox_clear_parts.message_id', 'outbox_messages.id')
    .select('outbox_clear_parts.text_body')
    .where('case_id', '=', caseId)
    .where('kind', '=', 'follow_up_survey')
    .executeTakeFirstOrThrow();
  return /(http:\/\/127\.0\.0\.1:\d+\/s\/[A-Za-z0-9_-]+)/.exec(mail.text_body)![1]!;
}
