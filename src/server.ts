import { buildApp } from './app';
import { openRuntime } from './bootstrap';
import type { AppConfig } from './config';
import { DEMO_LOGINS, isDatabaseEmpty, seedDemoData } from './demo/seed-demo';
import { createDeliveryWorker, mailboxTransport, smtpTransport } from './modules/messaging';
import {
  applyDueEndsOfTerm,
  applyEndOfTerm,
  END_OF_TERM_JOB,
  END_OF_TERM_SWEEP_CRON,
  END_OF_TERM_SWEEP_JOB,
} from './modules/subscriptions';
import { FOLLOW_UP_JOB, sendFollowUp } from './modules/surveys';
import { SYSTEM_ACTOR } from './platform/audit';
import { openJobs } from './platform/jobs';

export interface StartOptions {
  /** Load demo data when the database has no staff yet (the default for `kulanz start`). */
  demo: boolean;
  demoAccounts: number;
}

/** Starts kulanz: database, migrations, demo data on first start, then UI and API on one port. */
export async function startServer(config: AppConfig, options: StartOptions) {
  const started = Date.now();
  const runtime = await openRuntime(config);
  const where =
    runtime.database.kind === 'pglite' ? `embedded PGlite in ${config.dataDir}` : 'PostgreSQL (DATABASE_URL)';
  let seeded = false;
  if (options.demo && (await isDatabaseEmpty(runtime.db))) {
    const result = await seedDemoData(runtime.db, {
      accounts: options.demoAccounts,
      secret: runtime.secret,
      log: (l) => console.log(l),
    });
    console.log(`Loaded demo data: ${result.accounts} accounts in ${(result.ms / 1000).toFixed(1)} s`);
    seeded = true;
  }
  const jobs = await openJobs(runtime.database, { supervise: true });
  const app = await buildApp({ ...runtime, jobs, logger: { level: config.logLevel } });
  const address = await app.listen({ port: config.port, host: config.host });
  // The outbox worker: whatever a crash left queued goes out now, then every poll interval.
  const transport = config.smtpUrl ? smtpTransport(config.smtpUrl, config.smtpFrom) : mailboxTransport();
  const worker = createDeliveryWorker({
    db: runtime.db,
    clock: runtime.clock,
    transport,
    pollMs: config.outboxPollMs,
    log: (line, error) => app.log.warn({ err: error }, line),
    onRetryScheduled: async (messageId, at) => {
      await jobs.send(runtime.db, 'outbox.deliver', { messageId }, { startAfter: at });
    },
  });
  // pg-boss wakes delivery for each queued message (and each retry); the poll is the safety net
  await jobs.work(
    'outbox.deliver',
    async () => {
      await worker.runOnce();
    },
    1,
  );
  worker.start();
  const url = config.publicUrl ?? address.replace('127.0.0.1', 'localhost');
  const systemDeps = { ...runtime, jobs, actor: SYSTEM_ACTOR };
  // scheduled jobs (follow-up surveys) run in every instance; pg-boss hands each job to one
  await jobs.work(FOLLOW_UP_JOB, async (job) => {
    await sendFollowUp(systemDeps, { surveyId: String(job.data.surveyId), baseUrl: url });
  });
  // cancellations at period end: one job per subscription at its date, and a daily sweep
  await jobs.work(END_OF_TERM_JOB, async (job) => {
    await applyEndOfTerm(systemDeps, { subscriptionId: String(job.data.subscriptionId) });
  });
  await jobs.work(END_OF_TERM_SWEEP_JOB, async () => {
    const { ended } = await applyDueEndsOfTerm(systemDeps);
    if (ended) app.log.info(`end-of-term sweep: ${ended} subscriptions ended`);
  });
  await jobs.schedule(END_OF_TERM_SWEEP_JOB, END_OF_TERM_SWEEP_CRON, config.timeZone);
  const lines = [
    '',
    `kulanz is running at ${url}  (started in ${((Date.now() - started) / 1000).toFixed(1)} s)`,
    `  database: ${where}${runtime.migrated.length ? `, migrated: ${runtime.migrated.join(', ')}` : ''}`,
    `  API docs: ${url}/api/docs`,
    `  e-mail: ${config.smtpUrl ? `SMTP (${new URL(config.smtpUrl).host})` : 'no SMTP_URL, messages go to the built-in mailbox'}`,
  ];
  if (options.demo) {
    lines.push(seeded ? '  demo logins:' : '  demo logins (if you have not changed them):');
    for (const l of DEMO_LOGINS) lines.push(`    ${l.role.padEnd(6)} ${l.email.padEnd(20)} ${l.password}`);
  }
  console.log(lines.join('\n'));
  const stop = async () => {
    await jobs.stop();
    await worker.stop();
    transport.close();
    await app.close();
    await runtime.database.close();
  };
  return { app, runtime, url, stop };
}
