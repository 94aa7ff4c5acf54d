import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addSubscription, createAccount } from '../../../test/factories';
import { startTestApp, type TestApp } from '../../../test/harness';
import { openJobs } from '../../platform/jobs';
import {
  applyDueEndsOfTerm,
  applyEndOfTerm,
  END_OF_TERM_JOB,
  END_OF_TERM_SWEEP_CRON,
  END_OF_TERM_SWEEP_JOB,
  scheduleEndOfTerm,
} from './index';

let t: TestApp;

// 23:30 UTC on 30 June is already 1 July in Berlin, the company's time zone in tests
const BERLIN_JULY_FIRST = '2026-06-30T23:30:00Z';

beforeAll(async () => {
  t = await startTestApp({ now: '2026-06-30T12:00:00Z' });
});
afterAll(async () => {
  await t.close();
});

const statusOf = async (id: string) =>
  (await t.db.selectFrom('subscriptions').select('status').where('id', '=', id).executeTakeFirstOrThrow())
    .status;
const endAudits = (id: string) =>
  t.db
    .selectFrom('audit_events')
    .selectAll()
    .where('entity_id', '=', id)
    .where('action', '=', 'subscription.ended')
    .execute();

async function pending(cancelEffectiveOn: string) {
  const account = await createAccount(t);
  return addSubscription(t, account.id, { status: 'pending_cancellation', cancelEffectiveOn });
}

describe('a cancellation at period end', () => {
  it('takes effect at midnight of its date in the company time zone, once, audited', async () => {
    t.clock.set('2026-06-30T12:00:00Z');
    const sub = await pending('2026-07-01');
    expect(await applyEndOfTerm(t.systemDeps(), { subscriptionId: sub.id })).toBe('not_due');
    expect(await statusOf(sub.id)).toBe('pending_cancellation');

    t.clock.set(BERLIN_JULY_FIRST);
    expect(await applyEndOfTerm(t.systemDeps(), { subscriptionId: sub.id })).toBe('ended');
    expect(await statusOf(sub.id)).toBe('cancelled');
    const renewal = await t.db
      .selectFrom('subscriptions')
      .select('next_renewal_on')
      .where('id', '=', sub.id)
      .executeTakeFirstOrThrow();
    expect(renewal.next_renewal_on).toBeNull();

    expect(await applyEndOfTerm(t.systemDeps(), { subscriptionId: sub.id })).toBe('not_pending');
    const audits = await endAudits(sub.id);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actor_role: 'system', entity_type: 'subscription' });
    expect(audits[0]!.changes).toEqual({
      status: { from: 'pending_cancellation', to: 'cancelled' },
      effectiveOn: '2026-07-01',
    });
  });

  it('does nothing when the cancellation was revoked before its date', async () => {
    t.clock.set('2026-06-30T12:00:00Z');
    const sub = await pending('2026-07-01');
    await t.db
      .updateTable('subscriptions')
      .set({ status: 'active', cancel_effective_on: null, next_renewal_on: '2026-07-01' })
      .where('id', '=', sub.id)
      .execute();
    t.clock.set('2026-07-02T12:00:00Z');
    expect(await applyEndOfTerm(t.systemDeps(), { subscriptionId: sub.id })).toBe('not_pending');
    expect(await statusOf(sub.id)).toBe('active');
    expect(await endAudits(sub.id)).toHaveLength(0);
    expect(await applyEndOfTerm(t.systemDeps(), { subscriptionId: 'sub_nope' })).toBe('not_found');
  });

  it('ends a subscription exactly once when two runs race for it', async () => {
    t.clock.set('2026-07-02T12:00:00Z');
    const sub = await pending('2026-07-01');
    const outcomes = await Promise.all([
      applyEndOfTerm(t.systemDeps(), { subscriptionId: sub.id }),
      applyEndOfTerm(t.systemDeps(), { subscriptionId: sub.id }),
    ]);
    expect(outcomes.sort()).toEqual(['ended', 'not_pending']);
    expect(await endAudits(sub.id)).toHaveLength(1);
  });

  it('is scheduled as a job due at the start of its date, which a worker runs after a restart', async () => {
    // the real clock decides when pg-boss hands out the job, so the date is today (already due)
    const today = new Date().toISOString().slice(0, 10);
    t.clock.set(new Date());
    const sub = await pending(today);
    const { jobId, dueAt } = await t.db
      .transaction()
      .execute((trx) => scheduleEndOfTerm(trx, t.systemDeps(), { subscriptionId: sub.id }));
    expect(dueAt.getTime()).toBeLessThanOrEqual(Date.now());
    expect(await t.jobs.state(END_OF_TERM_JOB, jobId)).toBe('created');

    // a new process (another job queue connection) works the job it finds waiting
    const other = await openJobs(t.database);
    try {
      await other.work(
        END_OF_TERM_JOB,
        async (job) => {
          await applyEndOfTerm(t.systemDeps(), { subscriptionId: String(job.data.subscriptionId) });
        },
        0.5,
      );
      const until = Date.now() + 15_000;
      while ((await statusOf(sub.id)) !== 'cancelled') {
        if (Date.now() > until) throw new Error('the end-of-term job did not run');
        await new Promise((r) => setTimeout(r, 100));
      }
    } finally {
      await other.stop();
    }
    expect(await endAudits(sub.id)).toHaveLength(1);
  });

  it('is not scheduled for a subscription without a cancellation, and the job is gone if the transaction rolls back', async () => {
    const account = await createAccount(t);
    const active = await addSubscription(t, account.id);
    await expect(
      t.db
        .transaction()
        .execute((trx) => scheduleEndOfTerm(trx, t.systemDeps(), { subscriptionId: active.id })),
    ).rejects.toThrow(/no cancellation scheduled/);

    const sub = await pending('2030-01-01');
    let jobId = '';
    await expect(
      t.db.transaction().execute(async (trx) => {
        jobId = (await scheduleEndOfTerm(trx, t.systemDeps(), { subscriptionId: sub.id })).jobId;
        throw new Error('the cancellation failed after scheduling');
      }),
    ).rejects.toThrow(/failed after scheduling/);
    expect(jobId).not.toBe('');
    expect(await t.jobs.state(END_OF_TERM_JOB, jobId)).toBeNull();
  });
});

describe('the daily end-of-term sweep', () => {
  it('ends every due pending cancellation in batches and leaves the rest', async () => {
    t.clock.set('2026-08-01T10:00:00Z');
    // earlier tests left their own subscriptions; the sweep covers them too, so count from here
    await applyDueEndsOfTerm(t.systemDeps());
    const yesterday = await pending('2026-07-31');
    const today = await pending('2026-08-01');
    const tomorrow = await pending('2026-08-02');
    const alsoToday = await pending('2026-08-01');
    const { ended } = await applyDueEndsOfTerm(t.systemDeps(), { batch: 1 });
    expect(ended).toBe(3);
    expect(await statusOf(yesterday.id)).toBe('cancelled');
    expect(await statusOf(today.id)).toBe('cancelled');
    expect(await statusOf(alsoToday.id)).toBe('cancelled');
    expect(await statusOf(tomorrow.id)).toBe('pending_cancellation');
    expect((await applyDueEndsOfTerm(t.systemDeps())).ended).toBe(0);
  });

  it('is one schedule in the database however many instances register it', async () => {
    const other = await openJobs(t.database);
    try {
      await t.jobs.schedule(END_OF_TERM_SWEEP_JOB, END_OF_TERM_SWEEP_CRON, 'Europe/Berlin');
      await other.schedule(END_OF_TERM_SWEEP_JOB, END_OF_TERM_SWEEP_CRON, 'Europe/Berlin');
    } finally {
      await other.stop();
    }
    const rows = await t.db
      .selectFrom('pgboss.schedule' as never)
      .select(['name' as never, 'cron' as never, 'timezone' as never])
      .where('name' as never, '=', END_OF_TERM_SWEEP_JOB as never)
      .execute();
    expect(rows).toEqual([
      { name: END_OF_TERM_SWEEP_JOB, cron: END_OF_TERM_SWEEP_CRON, timezone: 'Europe/Berlin' },
    ]);
  });
});
