import { fromKysely, fromPglite, PgBoss } from 'pg-boss';
import type { Database } from '../db/database';
import type { Executor } from './audit';

/** Every job kulanz schedules; each has one handler, registered by the server. */
export const JOB_NAMES = [
  'case.follow-up',
  'outbox.deliver',
  'refund.execute',
  'refund.execute-sweep',
  'subscription.end-of-term',
  'subscription.end-of-term-sweep',
  'subscription.resume',
  'subscription.resume-sweep',
  'offer.save-check',
  'subscription.renewal-sweep',
  'insights.weekly-digest',
] as const;
export type JobName = (typeof JOB_NAMES)[number];

export interface JobHandlerContext {
  id: string;
  data: Record<string, unknown>;
}

/**
 * The job queue (pg-boss, on the same database as everything else). A job is sent inside the
 * transaction of the change that causes it, so it exists if and only if the change committed,
 * and it survives restarts because it is a row. Any number of app instances share the queue.
 */
export interface Jobs {
  send(
    trx: Executor,
    name: JobName,
    data: Record<string, unknown>,
    options?: { startAfter?: Date; singletonKey?: string },
  ): Promise<string>;
  cancel(name: JobName, id: string): Promise<void>;
  /** Runs the handler for due jobs of this name in this process. */
  work(
    name: JobName,
    handler: (job: JobHandlerContext) => Promise<void>,
    pollSeconds?: number,
  ): Promise<void>;
  state(name: JobName, id: string): Promise<string | null>;
  /**
   * Creates a job of this name on a cron expression in a time zone. pg-boss keeps one schedule
   * per name in the database, so every instance may call this at start without doubling it.
   */
  schedule(name: JobName, cron: string, timeZone: string): Promise<void>;
  stop(): Promise<void>;
}

/** The schema pg-boss keeps its jobs in. */
export const JOB_SCHEMA = 'pgboss';

export interface OpenJobsOptions {
  /** Run pg-boss's maintenance and cron schedules in this process (the server does). */
  supervise?: boolean;
  /**
   * Create or upgrade pg-boss's schema on open (default). False when the app connects as a role
   * that owns nothing: the owner installed it first (installJobSchema), and a schema out of date
   * is then an error instead of a failed CREATE.
   */
  migrate?: boolean;
}

/**
 * Opens pg-boss on the embedded PGlite (through its adapter, sharing the one connection) or on
 * PostgreSQL (its own small pool). Its schema is created on first open and kept up to date.
 */
export async function openJobs(database: Database, options: OpenJobsOptions = {}): Promise<Jobs> {
  const supervise = options.supervise ?? false;
  const common = { schema: JOB_SCHEMA, supervise, schedule: supervise, migrate: options.migrate ?? true };
  const boss =
    database.kind === 'pglite'
      ? new PgBoss({ ...common, db: fromPglite(database.pglite!), backend: 'pglite' })
      : new PgBoss({ ...common, connectionString: database.url!, max: 4 });
  boss.on('error', (error) => console.error('job queue error:', error));
  await boss.start();
  for (const name of JOB_NAMES) await boss.createQueue(name);
  return {
    async send(trx, name, data, opts = {}) {
      const id = await boss.send(name, data, {
        startAfter: opts.startAfter,
        singletonKey: opts.singletonKey,
        retryLimit: 5,
        retryDelay: 60,
        retryBackoff: true,
        db: fromKysely(trx),
      });
      if (!id) throw new Error(`job ${name} was not created (singleton ${opts.singletonKey ?? '-'})`);
      return id;
    },
    async cancel(name, id) {
      await boss.cancel(name, id);
    },
    async work(name, handler, pollSeconds = 2) {
      await boss.work<Record<string, unknown>>(
        name,
        { pollingIntervalSeconds: pollSeconds },
        async (jobs) => {
          for (const job of jobs) await handler({ id: job.id, data: job.data });
        },
      );
    },
    async state(name, id) {
      return (await boss.getJobById(name, id))?.state ?? null;
    },
    async schedule(name, cron, timeZone) {
      // a missed occurrence (the service was down at the time) still runs once on the next start
      await boss.schedule(name, cron, null, { tz: timeZone, missed: 'once' });
    },
    async stop() {
      await boss.stop({ graceful: true, timeout: 10_000 });
    },
  };
}

/** Creates or upgrades pg-boss's schema and kulanz's queues, then closes: run by the owner role. */
export async function installJobSchema(database: Database): Promise<void> {
  await (await openJobs(database)).stop();
}

/** A job a recording queue was asked to send, with the options it was sent with. */
export interface RecordedJob {
  name: JobName;
  data: Record<string, unknown>;
  options: { startAfter?: Date; singletonKey?: string };
}

/**
 * A job queue that only records what it was asked to do: for command-line tools, which run no
 * workers, and for unit tests of steps that schedule work. A tool checks `sent` afterwards and
 * refuses to finish silently when something would have been scheduled (see cli.ts).
 */
export function recordingJobs(): Jobs & {
  sent: RecordedJob[];
  cancelled: Array<{ name: JobName; id: string }>;
} {
  const sent: RecordedJob[] = [];
  const cancelled: Array<{ name: JobName; id: string }> = [];
  return {
    sent,
    cancelled,
    async send(_trx, name, data, options = {}) {
      sent.push({ name, data, options });
      return `recorded-${sent.length}`;
    },
    async cancel(name, id) {
      cancelled.push({ name, id });
    },
    async work() {
      throw new Error('a recording job queue runs no workers');
    },
    async state() {
      return null;
    },
    async schedule() {},
    async stop() {},
  };
}
