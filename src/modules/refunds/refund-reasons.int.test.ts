import { afterAll, beforeAll, expect, it } from 'vitest';
import { startDesk, type TestApp, type TestClient } from '../../../test/harness';
import { DEFAULT_POLICY } from '../policy';

// The intake form's reason list comes from the policy in force, not from the UI's own files.

let t: TestApp;
let agent: TestClient;

beforeAll(async () => {
  ({ t, agent } = await startDesk({ now: '2026-05-04T09:00:00Z' }));
});
afterAll(() => t.close());

it("lists the policy in force's reasons in German and English, for any staff member", async () => {
  const res = await agent.get('/api/refund-reasons');
  expect(res.status).toBe(200);
  expect(res.body.policyVersion).toBeGreaterThanOrEqual(1);
  expect(res.body.items.map((r: { code: string }) => r.code).sort()).toEqual(
    Object.keys(DEFAULT_POLICY.reasons).sort(),
  );
  expect(res.body.items).toContainEqual({
    code: 'poor_support',
    de: 'Schlechte Erfahrung mit dem Support',
    en: 'Poor support experience',
  });
});

it('is not for anonymous callers', async () => {
  const res = await t.anonymous().get('/api/refund-reasons');
  expect(res.status).toBe(401);
});
