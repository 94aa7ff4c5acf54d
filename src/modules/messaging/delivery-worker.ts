import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { SYSTEM_ACTOR, writeAudit } from '../../platform/audit';
import type { Clock } from '../../platform/clock';
import {
  type ClaimedMessage,
  claimNextDue,
  markAttemptFailed,
  markSent,
  requeueAbandoned,
} from './messaging.repository';
import type { MailTransport } from './transports';

export interface DeliveryWorkerOptions {
  db: Kysely<DB>;
  clock: Clock;
  transport: MailTransport;
  /** How often an idle worker looks for due messages. */
  pollMs?: number;
  /** Messages sent in parallel by this worker. */
  concurrency?: number;
  /** A 'sending' row older than this was abandoned by a dead worker and is queued again. */
  sendTimeoutMs?: number;
  log?: (line: string, error?: unknown) => void;
  /** Called after a failed try with the time of the next one, so a job can wake a worker then. */
  onRetryScheduled?: (messageId: string, at: Date) => Promise<void>;
}

/** Wait before try n+1: 30 s, 1 min, 2 min, 4 min … capped at one hour. */
export function backoffMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

/**
 * Delivers the outbox. Each message is claimed with FOR UPDATE SKIP LOCKED, so any number of
 * workers on one PostgreSQL share the work and never send one message twice; a claim that is
 * never finished (the process died mid-send) is queued again after sendTimeoutMs. The customer
 * gets the clear rendering; once sent, only the masked one staff read is left.
 */
export function createDeliveryWorker(options: DeliveryWorkerOptions) {
  const { db, clock, transport } = options;
  const pollMs = options.pollMs ?? 1_000;
  const concurrency = options.concurrency ?? 4;
  const sendTimeoutMs = options.sendTimeoutMs ?? 5 * 60_000;
  const log = options.log ?? (() => {});
  let running = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<number> | undefined;

  async function claim(): Promise<ClaimedMessage | undefined> {
    const now = clock.now();
    return claimNextDue(db, now, new Date(now.getTime() + sendTimeoutMs));
  }

  async function deliver(message: ClaimedMessage): Promise<void> {
    try {
      const sent = await transport.send({
        id: message.id,
        to: message.to_address,
        subject: message.subject,
        text: message.text_body,
        html: message.html_body,
        language: message.language,
      });
      await db.transaction().execute(async (trx) => {
        const now = clock.now();
        await markSent(trx, message.id, { at: now, ...sent });
        await writeAudit(trx, SYSTEM_ACTOR, now, {
          action: 'message.sent',
          entityType: 'message',
          entityId: message.id,
          accountId: message.account_id,
          caseId: message.case_id,
          changes: { transport: sent.transport, attempt: message.attempts },
        });
      });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const failed = message.attempts >= message.max_attempts;
      log(`message ${message.id}: attempt ${message.attempts} failed: ${reason}`);
      const nextAt = new Date(clock.now().getTime() + backoffMs(message.attempts));
      await db.transaction().execute(async (trx) => {
        const now = clock.now();
        await markAttemptFailed(trx, message.id, { failed, reason, nextAt });
        await writeAudit(trx, SYSTEM_ACTOR, now, {
          action: failed ? 'message.failed' : 'message.retry_scheduled',
          entityType: 'message',
          entityId: message.id,
          accountId: message.account_id,
          caseId: message.case_id,
          changes: { attempt: message.attempts, error: reason.slice(0, 200) },
        });
      });
      if (!failed && options.onRetryScheduled)
        await options
          .onRetryScheduled(message.id, nextAt)
          .catch((e) => log('could not schedule the retry job', e));
    }
  }

  /** Sends every message that is due now; returns how many were attempted. */
  async function runOnce(): Promise<number> {
    await requeueAbandoned(db, clock.now());
    let attempted = 0;
    const lane = async () => {
      for (let m = await claim(); m; m = await claim()) {
        attempted++;
        await deliver(m);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, lane));
    return attempted;
  }

  function schedule(): void {
    if (!running) return;
    timer = setTimeout(async () => {
      current = runOnce().catch((error) => {
        log('delivery round failed', error);
        return 0;
      });
      await current;
      schedule();
    }, pollMs);
  }

  return {
    runOnce,
    /** Starts polling; the first round runs at once, so messages left by a crash go out on start. */
    start(): void {
      if (running) return;
      running = true;
      current = runOnce().catch((error) => {
        log('delivery round failed', error);
        return 0;
      });
      void current.then(schedule);
    },
    /** Stops polling and waits for the round in flight. */
    async stop(): Promise<void> {
      running = false;
      if (timer) clearTimeout(timer);
      await current;
    },
  };
}

export type DeliveryWorker = ReturnType<typeof createDeliveryWorker>;
