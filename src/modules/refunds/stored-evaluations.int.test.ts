import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordRefundRequest } from '../../../test/factories';
import { startDesk, type TestApp, type TestClient } from '../../../test/harness';
import { listStoredEvaluations } from './index';

// What the policy simulator replays, read in pages: every request of the period exactly once,
// also when many share one instant and the column holds microseconds a JavaScript Date drops.

let t: TestApp;
let agent: TestClient;
const NOW = '2026-05-04T09:00:00Z';

beforeAll(async () => {
  ({ t, agent } = await startDesk({ now: NOW }));
});
afterAll(() => t.close());

describe('the stored evaluations, page by page', () => {
  it('lists each request of the period once, in pages, across ties and microseconds', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 7; i++)
      ids.push((await recordRefundRequest(t, agent, { daysAgo: 3, totalMinor: 5000 })).id);
    // three at one instant with microseconds, two more at another, two at a whole millisecond
    await sql`update refund_requests set created_at = case
        when id = any(${ids.slice(0, 3)}) then '2026-05-03 10:00:00.123456+00'::timestamptz
        when id = any(${ids.slice(3, 5)}) then '2026-05-03 10:00:00.123457+00'::timestamptz
        else '2026-05-03 10:00:00.124+00'::timestamptz end
      where id = any(${ids})`.execute(t.db);
    const seen: string[] = [];
    for await (const page of listStoredEvaluations(t.systemDeps(), {
      from: new Date('2026-05-03T00:00:00Z'),
      to: new Date('2026-05-04T00:00:00Z'),
      batch: 2,
    })) {
      expect(page.length).toBeLessThanOrEqual(2);
      seen.push(...page.map((s) => s.requestId));
    }
    expect(seen.filter((id) => ids.includes(id)).sort()).toEqual([...ids].sort());
    expect(new Set(seen).size).toBe(seen.length);
  });
});
