import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, createCase } from '../../../test/factories';
import { startTestApp, type TestApp, type TestClient } from '../../../test/harness';
import { startSmtpSink } from '../../../test/smtp-sink';
import { DAY } from '../../platform/clock';
import { openJobs } from '../../platform/jobs';
import { createDeliveryWorker, smtpTransport } from '../messaging';
import { FOLLOW_UP_JOB, sendFollowUp } from '.';

let t: TestApp;
let agent: TestClient;
let sink: Awaited<ReturnType<typeof startSmtpSink>>;

beforeAll(async () => {
  t = await startTestApp();
  agent = await t.login('agent');
  sink = await startSmtpSink();
});
afterAll(async () => {
  await sink.close();
  await t.close();
});

async function closedCase(language: 'de' | 'en' = 'de') {
  const account = await createAccount(t, {
    language,
    firstName: language === 'de' ? 'Jürgen' : 'Mary',
    email: `s-${Math.random().toString(36).slice(2)}@example.de`,
  });
  return { account, kase: await createCase(t, account.id) };
}

async function surveyOf(caseId: string) {
  return t.db
    .selectFrom('surveys')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('created_at', 'desc')
    .executeTakeFirstOrThrow();
}

async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  ms = 15_000,
): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Runs the follow-up job as the server would, delivers the e-mail over SMTP, and returns the link the customer got. */
async function sendAndGetLink(caseId: string): Promise<string> {
  const survey = await surveyOf(caseId);
  const result = await sendFollowUp(t.systemDeps(), { surveyId: survey.id, baseUrl: 'http://kulanz.test' });
  expect(result.sent).toBe(true);
  const transport = smtpTransport(sink.url);
  try {
    await createDeliveryWorker({ db: t.db, clock: t.clock, transport }).runOnce();
  } finally {
    transport.close();
  }
  const message = await t.db
    .selectFrom('outbox_messages')
    .selectAll()
    .where('case_id', '=', caseId)
    .where('kind', '=', 'follow_up_survey')
    .executeTakeFirstOrThrow();
  expect(message.state).toBe('sent');
  const mail = sink.received.find((m) => m.parsed.headers.get('x-kulanz-message-id') === message.id)!;
  const link = /http:\/\/kulanz\.test(\/s\/[A-Za-z0-9_-]+)/.exec(mail.parsed.text ?? '')?.[1];
  expect(link).toBeTruthy();
  // what staff can read of the message keeps the page's address, not the token
  expect(message.text_body).toContain('http://kulanz.test/s/••••••••');
  expect(message.text_body).not.toContain(link);
  return link!;
}

function post(path: string, form: Record<string, string>, remoteAddress?: string) {
  return t.app.inject({
    method: 'POST',
    url: path,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(form).toString(),
    ...(remoteAddress ? { remoteAddress } : {}),
  });
}

describe('follow-up scheduling', () => {
  it('schedules a follow-up as a durable job due in the configured 7 days, and cancels it', async () => {
    const { kase } = await closedCase();
    const res = await agent.post(`/api/cases/${kase.id}/follow-up`, {});
    expect(res.status).toBe(201);
    expect(new Date(res.body.dueAt).getTime() - t.clock.now().getTime()).toBe(7 * DAY);
    const survey = await surveyOf(kase.id);
    expect(survey.state).toBe('scheduled');
    expect(await t.jobs.state(FOLLOW_UP_JOB, survey.job_id!)).toBe('created');
    expect((await agent.post(`/api/cases/${kase.id}/follow-up`, {})).body.code).toBe(
      'FOLLOW_UP_ALREADY_SCHEDULED',
    );

    expect((await agent.delete(`/api/cases/${kase.id}/follow-up`)).status).toBe(204);
    expect((await surveyOf(kase.id)).state).toBe('cancelled');
    expect(await t.jobs.state(FOLLOW_UP_JOB, survey.job_id!)).toBe('cancelled');
    expect((await agent.delete(`/api/cases/${kase.id}/follow-up`)).body.code).toBe('FOLLOW_UP_NOT_SCHEDULED');
    const cancelledRun = await sendFollowUp(t.systemDeps(), { surveyId: survey.id, baseUrl: 'http://x' });
    expect(cancelledRun).toEqual({ sent: false, reason: 'cancelled' });
  });

  it('refuses bad input and unknown cases without scheduling anything', async () => {
    const { kase } = await closedCase();
    const bad = await agent.post(`/api/cases/${kase.id}/follow-up`, { inDays: 'soon' });
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('body.inDays');
    expect((await agent.post(`/api/cases/${kase.id}/follow-up`, { inDays: 365 })).status).toBe(400);
    expect((await agent.post('/api/cases/case_nope/follow-up', {})).status).toBe(404);
    const rows = await t.db.selectFrom('surveys').select('id').where('case_id', '=', kase.id).execute();
    expect(rows).toHaveLength(0);
  });

  it('runs a due follow-up job in another process after a restart and sends the survey once', async () => {
    const { kase } = await closedCase('en');
    expect((await agent.post(`/api/cases/${kase.id}/follow-up`, { inDays: 0 })).status).toBe(201);
    // the process that scheduled it never worked the job; a new one starts and does
    const next = await openJobs(t.database);
    try {
      await next.work(
        FOLLOW_UP_JOB,
        async (job) => {
          await sendFollowUp(
            {
              db: t.db,
              clock: t.clock,
              secret: t.secret,
              config: { timeZone: 'UTC', publicUrl: undefined },
              actor: { id: null, role: 'system' },
              jobs: next,
            },
            { surveyId: String(job.data.surveyId), baseUrl: 'http://kulanz.test' },
          );
        },
        0.5,
      );
      const sent = await waitFor('the survey to be sent', async () => {
        const s = await surveyOf(kase.id);
        return s.state === 'sent' ? s : undefined;
      });
      expect(sent.token_hash).toMatch(/^[0-9a-f]{64}$/);
      const messages = await t.db
        .selectFrom('outbox_messages')
        .selectAll()
        .where('case_id', '=', kase.id)
        .execute();
      expect(messages).toHaveLength(1);
      expect(messages[0]!.subject).toBe('How satisfied were you with us?');
      // the token waits for delivery in the clear copy only, and is never stored in clear on the survey
      const clear = await t.db
        .selectFrom('outbox_clear_parts')
        .selectAll()
        .where('message_id', '=', messages[0]!.id)
        .executeTakeFirstOrThrow();
      const token = /\/s\/([A-Za-z0-9_-]+)/.exec(clear.text_body)![1]!;
      expect(JSON.stringify(sent)).not.toContain(token);
      expect(JSON.stringify(messages)).not.toContain(token);
    } finally {
      await next.stop();
    }
  });
});

describe('the public survey page', () => {
  it('records a German answer once, shows it on the case and in the account history', async () => {
    const { account, kase } = await closedCase('de');
    await agent.post(`/api/cases/${kase.id}/follow-up`, { inDays: 0 });
    const link = await sendAndGetLink(kase.id);

    const form = await t.app.inject({ method: 'GET', url: link });
    expect(form.statusCode).toBe(200);
    expect(form.headers['content-type']).toContain('text/html');
    expect(form.body).toContain('lang="de"');
    // greeted as the e-mail greets: the desk's greeting and the full name, under the company's name
    expect(form.body).toContain(`Guten Tag Jürgen ${account.lastName},`);
    expect(form.body).toContain('<p class="brand">Kulanz Demo GmbH</p>');
    expect(form.body).toContain(
      `<legend>Wie zufrieden waren Sie mit der Bearbeitung Ihres Anliegens ${kase.caseNumber}?</legend>`,
    );

    const missing = await post(link, { comment: 'ohne Note' });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('Bitte wählen Sie eine Bewertung');
    expect((await surveyOf(kase.id)).state).toBe('sent');

    const answer = await post(link, { rating: '4', comment: 'Schnell & freundlich' });
    expect(answer.statusCode).toBe(200);
    expect(answer.body).toContain('Vielen Dank');
    const onCase = await agent.get(`/api/cases/${kase.id}/surveys`);
    expect(onCase.body.items[0]).toMatchObject({
      state: 'answered',
      rating: 4,
      comment: 'Schnell & freundlich',
    });
    const history = await agent.get(`/api/accounts/${account.id}/surveys`);
    expect(history.body.items[0]).toMatchObject({ rating: 4, caseId: kase.id });
    const audit = await t.db
      .selectFrom('audit_events')
      .selectAll()
      .where('case_id', '=', kase.id)
      .where('action', '=', 'survey.answered')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_role).toBe('customer');

    const again = await post(link, { rating: '1', comment: 'nochmal' });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('bereits beantwortet');
    expect((await surveyOf(kase.id)).rating).toBe(4);
    expect((await t.app.inject({ method: 'GET', url: link })).statusCode).toBe(410);
  });

  it('records exactly one of 20 answers racing on one link; the others are told it was answered, none fails', async () => {
    const { kase } = await closedCase('de');
    await agent.post(`/api/cases/${kase.id}/follow-up`, { inDays: 0 });
    const link = await sendAndGetLink(kase.id);
    // one customer double-clicking (or a script): every request from the same address
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        post(link, { rating: String((i % 5) + 1), comment: `Nr. ${i}` }, '10.9.9.9'),
      ),
    );
    const statuses = answers.map((a) => a.statusCode);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    for (const a of answers.filter((r) => r.statusCode === 409)) {
      expect(a.headers['content-type']).toContain('text/html');
      expect(a.body).toContain('Diese Umfrage haben Sie bereits beantwortet');
    }
    const winner = answers.findIndex((a) => a.statusCode === 200);
    const survey = await surveyOf(kase.id);
    expect(survey).toMatchObject({ state: 'answered', rating: (winner % 5) + 1, comment: `Nr. ${winner}` });
    const audit = await t.db
      .selectFrom('audit_events')
      .select('changes')
      .where('case_id', '=', kase.id)
      .where('action', '=', 'survey.answered')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.changes).toMatchObject({ rating: (winner % 5) + 1 });
  });

  it('turns away expired and forged links with a friendly page', async () => {
    const { kase } = await closedCase('en');
    await agent.post(`/api/cases/${kase.id}/follow-up`, { inDays: 0 });
    const link = await sendAndGetLink(kase.id);
    t.clock.advance(15 * DAY);
    const expired = await t.app.inject({ method: 'GET', url: link });
    expect(expired.statusCode).toBe(410);
    expect(expired.body).toContain('this link has expired');
    const late = await post(link, { rating: '5' });
    expect(late.statusCode).toBe(410);
    expect((await surveyOf(kase.id)).state).toBe('sent');
    t.clock.advance(-15 * DAY);

    const forged = await t.app.inject({
      method: 'GET',
      url: `/s/${'A'.repeat(43)}`,
      headers: { 'accept-language': 'en-GB,en;q=0.9' },
    });
    expect(forged.statusCode).toBe(404);
    expect(forged.body).toContain('We do not know this survey link');
    const garbage = await t.app.inject({ method: 'GET', url: '/s/%3Cscript%3E' });
    expect(garbage.statusCode).toBe(404);
    expect(garbage.body).toContain('Diesen Umfrage-Link kennen wir nicht');
    expect(garbage.body).not.toContain('<script>');
  });
});
