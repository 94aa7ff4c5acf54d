import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness';
import { DEFAULT_POLICY } from './default-policy';
import { getPolicyInForce } from './use-cases/get-policy-in-force';
import { getPolicyVersion } from './use-cases/get-policy-version';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ now: '2026-12-03T10:00:00Z' });
});
afterAll(async () => {
  await t?.close();
});

describe('published refund policies', () => {
  it('start with version 1, the policy kulanz ships with, in force from 1 January 2026', async () => {
    const policy = await getPolicyInForce(t.systemDeps());
    expect({ version: policy.version, effectiveFrom: policy.effectiveFrom }).toEqual({
      version: 1,
      effectiveFrom: '2026-01-01',
    });
    expect(policy.document.returnWindows).toEqual(DEFAULT_POLICY.returnWindows);
    expect(policy.document.approvalLimits).toEqual(DEFAULT_POLICY.approvalLimits);
  });

  it('decide by the newest version whose effective date has come, counted in the company’s time zone', async () => {
    const next = { ...DEFAULT_POLICY, version: 2, effectiveFrom: '2027-01-01' };
    await t.db
      .insertInto('policy_versions')
      .values({
        version: 2,
        effective_from: '2027-01-01',
        document: JSON.stringify(next),
        published_at: new Date(),
      })
      .execute();
    const deps = t.systemDeps();
    expect((await getPolicyInForce(deps, { on: '2026-12-31' })).version).toBe(1);
    expect((await getPolicyInForce(deps, { on: '2027-01-01' })).version).toBe(2);
    // 31 December 23:30 UTC is already 1 January in Berlin
    t.clock.set('2026-12-31T23:30:00Z');
    expect((await getPolicyInForce(t.systemDeps())).version).toBe(2);
    expect((await getPolicyVersion(deps, { version: 1 })).effectiveFrom).toBe('2026-01-01');
  });

  it('refuse a day before the first policy and an unknown version with their codes', async () => {
    const deps = t.systemDeps();
    await expect(getPolicyInForce(deps, { on: '2025-12-31' })).rejects.toMatchObject({
      code: 'POLICY_NOT_IN_FORCE',
    });
    await expect(getPolicyVersion(deps, { version: 99 })).rejects.toMatchObject({
      code: 'POLICY_VERSION_NOT_FOUND',
    });
  });

  it('never change once published: the table refuses UPDATE and DELETE, and a version must match its document', async () => {
    await expect(
      sql`update policy_versions set effective_from = '2026-02-01' where version = 1`.execute(t.db),
    ).rejects.toThrow();
    await expect(sql`delete from policy_versions where version = 1`.execute(t.db)).rejects.toThrow();
    await expect(
      t.db
        .insertInto('policy_versions')
        .values({
          version: 3,
          effective_from: '2027-02-01',
          document: JSON.stringify({ ...DEFAULT_POLICY, version: 4 }),
          published_at: new Date(),
        })
        .execute(),
    ).rejects.toThrow();
  });
});
