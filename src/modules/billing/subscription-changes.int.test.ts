import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addSubscription, createAccount } from '../../../test/factories';
import { startTestApp, type TestApp } from '../../../test/harness';
import { DomainError } from '../../platform/errors';
import {
  changePlan,
  extendSubscription,
  pauseSubscription,
  RESUME_JOB,
  resumeDuePauses,
  resumeSubscription,
} from './index';

// Billing's subscription changes for retention offers, as steps in a caller's transaction: each
// audited, refused for a subscription that is not running, and a pause that ends by its job or
// by the daily sweep.

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp({ now: '2026-03-10T10:00:00Z' });
});
afterAll(async () => {
  await t.close();
});

async function running() {
  const account = await createAccount(t);
  return (await addSubscription(t, account.id)).id;
}
const row = (id: string) =>
  t.db.selectFrom('subscriptions').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const audits = (id: string) =>
  t.db.selectFrom('audit_events').select('action').where('entity_id', '=', id).orderBy('id').execute();

describe('pause and resume', () => {
  it('pauses with the resume date, schedules the resume job at the start of that Berlin day; the sweep resumes it', async () => {
    const id = await running();
    const deps = t.systemDeps();
    const result = await t.db
      .transaction()
      .execute((trx) => pauseSubscription(trx, deps, { subscriptionId: id, months: 3 }));
    expect(result.resumeOn).toBe('2026-06-10');
    expect((await row(id)).status).toBe('paused');
    const jobs = await sql<{ start_after: Date }>`
      select start_after from pgboss.job where name = ${RESUME_JOB} and data->>'subscriptionId' = ${id}`.execute(
      t.db,
    );
    // midnight in Berlin in summer time is 22:00 UTC the day before
    expect(new Date(jobs.rows[0]!.start_after).toISOString()).toBe('2026-06-09T22:00:00.000Z');

    expect((await resumeDuePauses(deps)).resumed).toBe(0);
    t.clock.set('2026-06-09T22:30:00Z');
    expect((await resumeDuePauses(deps)).resumed).toBeGreaterThanOrEqual(1);
    expect((await row(id)).status).toBe('active');
    expect(await resumeSubscription(deps, { subscriptionId: id })).toBe('not_paused');
    expect((await audits(id)).map((a) => a.action)).toEqual(['subscription.paused', 'subscription.resumed']);
    t.clock.set('2026-03-10T10:00:00Z');
  });

  it('refuses to change a subscription that is not running, and a plan change to the same plan', async () => {
    const account = await createAccount(t);
    const { id } = await addSubscription(t, account.id, {
      status: 'pending_cancellation',
      cancelEffectiveOn: '2026-12-31',
    });
    const deps = t.systemDeps();
    for (const change of [
      () =>
        t.db.transaction().execute((trx) => pauseSubscription(trx, deps, { subscriptionId: id, months: 1 })),
      () =>
        t.db.transaction().execute((trx) => extendSubscription(trx, deps, { subscriptionId: id, days: 5 })),
    ])
      await expect(change()).rejects.toMatchObject({ code: 'SUBSCRIPTION_NOT_CHANGEABLE' });
    const active = await running();
    const { plan_id } = await row(active);
    const plan = await t.db
      .selectFrom('plans')
      .select('code')
      .where('id', '=', plan_id)
      .executeTakeFirstOrThrow();
    const same = t.db
      .transaction()
      .execute((trx) => changePlan(trx, deps, { subscriptionId: active, planCode: plan.code }));
    await expect(same).rejects.toBeInstanceOf(DomainError);
    await expect(same).rejects.toMatchObject({ code: 'PLAN_UNCHANGED' });
    expect(await audits(id)).toEqual([]);
  });
});
