import { afterAll, beforeAll, expect, it } from 'vitest';
import { createAccount, createCase } from '../../../test/factories';
import { startTestApp, type TestApp } from '../../../test/harness';
import { startSmtpSink } from '../../../test/smtp-sink';
import { openJobs } from '../../platform/jobs';
import { createDeliveryWorker, smtpTransport } from '.';

let t: TestApp;
let sink: Awaited<ReturnType<typeof startSmtpSink>>;

beforeAll(async () => {
  t = await startTestApp();
  sink = await startSmtpSink();
});
afterAll(async () => {
  await sink.close();
  await t.close();
});

async function until(what: string, probe: () => boolean, ms = 15_000) {
  const end = Date.now() + ms;
  while (!probe()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

it('creates a delivery job with each message, which wakes a worker in another process that sends it once', async () => {
  const agent = await t.login('agent');
  const account = await createAccount(t, { email: 'jobs@example.de' });
  const kase = await createCase(t, account.id);
  const res = await agent.post(`/api/cases/${kase.id}/messages`, { body: 'über die Job-Queue' });
  expect(res.status).toBe(201);
  const jobs = await t.db
    .selectFrom('pgboss.job' as never)
    .select(['name' as never, 'data' as never])
    .where('name' as never, '=', 'outbox.deliver' as never)
    .execute();
  expect(jobs).toEqual([expect.objectContaining({ data: { messageId: res.body.id } })]);

  // no polling loop: only the job can make this worker run
  const transport = smtpTransport(sink.url);
  const worker = createDeliveryWorker({ db: t.db, clock: t.clock, transport });
  const other = await openJobs(t.database);
  try {
    await other.work('outbox.deliver', () => worker.runOnce().then(() => undefined), 0.5);
    await until('the message to arrive', () => sink.received.length > 0);
    await new Promise((r) => setTimeout(r, 500));
    expect(sink.received).toHaveLength(1);
    expect(sink.received[0]!.parsed.text).toContain('über die Job-Queue');
  } finally {
    await other.stop();
    transport.close();
  }
});
