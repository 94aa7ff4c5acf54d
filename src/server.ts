import { buildApp } from './app';
import { openRuntime, type Runtime, withOwnerDatabase } from './bootstrap';
import type { AppConfig } from './config';
import { DEMO_LOGINS, isDatabaseEmpty, seedDemoData } from './demo/seed-demo';
import {
  applyDueEndsOfTerm,
  applyEndOfTerm,
  END_OF_TERM_JOB,
  END_OF_TERM_SWEEP_CRON,
  END_OF_TERM_SWEEP_JOB,
  RENEWAL_SWEEP_CRON,
  RENEWAL_SWEEP_JOB,
  RESUME_JOB,
  RESUME_SWEEP_CRON,
  RESUME_SWEEP_JOB,
  renewDueSubscriptions,
  resumeDuePauses,
  resumeSubscription,
} from './modules/billing';
import { sendWeeklyDigests, WEEKLY_DIGEST_CRON, WEEKLY_DIGEST_JOB } from './modules/insights';
import { createDeliveryWorker, mailboxTransport, smtpTransport } from './modules/messaging';
import { checkSave, SAVE_CHECK_JOB } from './modules/offers';
import {
  REFUND_EXECUTE_JOB,
  REFUND_EXECUTE_SWEEP_CRON,
  REFUND_EXECUTE_SWEEP_JOB,
  runDueRefundExecutions,
  runRefundExecution,
} from './modules/refunds';
import { FOLLOW_UP_JOB, sendFollowUp } from './modules/surveys';
import { SYSTEM_ACTOR } from './platform/audit';
import { openJobs } from './platform/jobs';
import { createLogger } from './platform/logger';

export interface StartOptions {
  /** Load demo data when the database has no staff yet (the default for `kulanz start`). */
  demo: boolean;
  demoAccounts: number;
}

/** Starts kulanz: database, migrations, demo data on first start, then UI and API on one port. */
export async function startServer(config: AppConfig, options: StartOptions) {
  const started = Date.now();
  const logger = createLogger({ level: config.logLevel, format: config.logFormat });
  // readable lines on the console while developing; one JSON object a line for collectors
  const say = (line: string) => (config.logFormat === 'json' ? logger.info(line) : console.log(line));
  const runtime = await openRuntime(config);
  for (const warning of runtime.warnings) logger.warn(warning);
  let seeded = false;
  if (options.demo && (await isDatabaseEmpty(runtime.db))) {
    const result = await withOwnerDatabase(runtime, (database) =>
      seedDemoData(database.db, {
        accounts: options.demoAccounts,
        secret: runtime.secret,
        history: true,
        log: say,
      }),
    );
    say(`Loaded demo data: ${result.accounts} accounts in ${(result.ms / 1000).toFixed(1)} s`);
    seeded = true;
  }
  // with an owner role pg-boss's schema was installed by it; the app role only uses it
  const jobs = await openJobs(runtime.database, { supervise: true, migrate: !config.databaseMigrationUrl });
  const app = await buildApp({ ...runtime, jobs, logger });
  const address = await listen(app, config);
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
  // refunds: each approval's execution is a job; the sweep picks up what a crash left pending
  await jobs.work(REFUND_EXECUTE_JOB, async (job) => {
    await runRefundExecution(systemDeps, { executionId: String(job.data.executionId) });
  });
  await jobs.work(REFUND_EXECUTE_SWEEP_JOB, async () => {
    const swept = await runDueRefundExecutions(systemDeps);
    if (swept.succeeded + swept.failed) app.log.info(swept, 'refund execution sweep');
  });
  await jobs.schedule(REFUND_EXECUTE_SWEEP_JOB, REFUND_EXECUTE_SWEEP_CRON, config.timeZone);
  await runDueRefundExecutions(systemDeps).catch((error: unknown) =>
    app.log.warn({ err: error }, 'refund execution sweep at start failed; the schedule retries'),
  );
  // retention offers: a pause resumes on its date (a job each, and a daily sweep); a save is checked once
  await jobs.work(RESUME_JOB, async (job) => {
    await resumeSubscription(systemDeps, { subscriptionId: String(job.data.subscriptionId) });
  });
  await jobs.work(RESUME_SWEEP_JOB, async () => {
    const { resumed } = await resumeDuePauses(systemDeps);
    if (resumed) app.log.info(`resume sweep: ${resumed} paused subscriptions resumed`);
  });
  await jobs.schedule(RESUME_SWEEP_JOB, RESUME_SWEEP_CRON, config.timeZone);
  await jobs.work(SAVE_CHECK_JOB, async (job) => {
    await checkSave(systemDeps, { watchId: String(job.data.watchId) });
  });
  // the built-in provider renews active subscriptions on their renewal date, once a day
  await jobs.work(RENEWAL_SWEEP_JOB, async () => {
    const { renewed } = await renewDueSubscriptions(systemDeps);
    if (renewed) app.log.info(`renewal sweep: ${renewed} subscriptions renewed`);
  });
  await jobs.schedule(RENEWAL_SWEEP_JOB, RENEWAL_SWEEP_CRON, config.timeZone);
  // the leads' weekly digest, Monday mornings; once per lead and week however often the job runs
  await jobs.work(WEEKLY_DIGEST_JOB, async () => {
    const sent = await sendWeeklyDigests(systemDeps);
    app.log.info(sent, 'weekly digest');
  });
  await jobs.schedule(WEEKLY_DIGEST_JOB, WEEKLY_DIGEST_CRON, config.timeZone);
  const banner: Banner = {
    url,
    seconds: Number(((Date.now() - started) / 1000).toFixed(1)),
    database: describeDatabase(runtime),
    apiDocs: `${url}/api/docs`,
    email: config.smtpUrl
      ? `SMTP (${new URL(config.smtpUrl).host})`
      : 'no SMTP_URL, messages go to the built-in mailbox',
    demoLogins: options.demo
      ? DEMO_LOGINS.map((l) => ({ role: l.role, email: l.email, password: l.password }))
      : [],
  };
  if (config.logFormat === 'json') logger.info(banner, `kulanz is running at ${url}`);
  else console.log(bannerLines(banner, seeded).join('\n'));
  const stop = async () => {
    await jobs.stop();
    await worker.stop();
    transport.close();
    await app.close();
    await runtime.database.close();
  };
  return { app, runtime, url, stop };
}

/** Listens; in pretty mode without Fastify's own "Server listening" line, which the banner says better. */
async function listen(app: Awaited<ReturnType<typeof buildApp>>, config: AppConfig): Promise<string> {
  if (config.logFormat === 'json') return app.listen({ port: config.port, host: config.host });
  const level = app.log.level;
  app.log.level = 'warn';
  try {
    return await app.listen({ port: config.port, host: config.host });
  } finally {
    app.log.level = level;
  }
}

function describeDatabase(runtime: Runtime): string {
  const { database, config, roles, migrated } = runtime;
  const what = roles?.app.isSuperuser
    ? ' (superuser)'
    : roles?.app.ownsAppendOnly.length
      ? ' (owns the tables)'
      : '';
  const where =
    database.kind === 'pglite'
      ? `embedded PGlite in ${config.dataDir}`
      : `PostgreSQL (DATABASE_URL) as ${roles?.app.name}${what}${roles?.owner ? `, migrations as ${roles.owner}` : ''}`;
  return `${where}${migrated.length ? `, migrated: ${migrated.join(', ')}` : ''}`;
}

interface Banner {
  url: string;
  seconds: number;
  database: string;
  apiDocs: string;
  email: string;
  demoLogins: Array<{ role: string; email: string; password: string }>;
}

function bannerLines(b: Banner, seeded: boolean): string[] {
  const lines = [
    '',
    `kulanz is running at ${b.url}  (started in ${b.seconds.toFixed(1)} s)`,
    `  database: ${b.database}`,
    `  API docs: ${b.apiDocs}`,
    `  e-mail: ${b.email}`,
  ];
  if (b.demoLogins.length) {
    lines.push(seeded ? '  demo logins:' : '  demo logins (if you have not changed them):');
    for (const l of b.demoLogins) lines.push(`    ${l.role.padEnd(6)} ${l.email.padEnd(20)} ${l.password}`);
  }
  lines.push('');
  return lines;
}
