import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/harness';
import { serializeLimit } from './limits';

const onPostgres = process.env.KULANZ_TEST_DB === 'postgres';
if (!onPostgres)
  console.log(
    'limits.int.test: the burst without a lock races only on PostgreSQL (PGlite has one connection)',
  );

describe('serializeLimit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await sql`create table limit_probe (key text not null, n int not null)`.execute(t.db);
  });
  afterAll(async () => t?.close());

  // count-then-insert, the shape every limit has; without the lock the parallel transactions all count 0
  const takeSlot = (key: string, limit: number, lock: boolean) =>
    t.db.transaction().execute(async (trx) => {
      if (lock) await serializeLimit(trx, `probe:${key}`);
      const { count } = (
        await sql<{
          count: number;
        }>`select count(*)::int as count from limit_probe where key = ${key}`.execute(trx)
      ).rows[0]!;
      if (count >= limit) return false;
      await sql`select pg_sleep(0.01)`.execute(trx);
      await sql`insert into limit_probe values (${key}, ${count})`.execute(trx);
      return true;
    });

  it('lets exactly the limit through when 20 transactions count at once', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => takeSlot('a', 3, true)));
    expect(results.filter(Boolean)).toHaveLength(3);
    const rows = await sql<{ n: number }>`select n from limit_probe where key = 'a' order by n`.execute(t.db);
    expect(rows.rows.map((r) => r.n)).toEqual([0, 1, 2]);
  });

  it('keeps separate keys apart', async () => {
    const results = await Promise.all([takeSlot('b', 1, true), takeSlot('c', 1, true)]);
    expect(results).toEqual([true, true]);
  });

  it.runIf(onPostgres)(
    'is what holds the limit: on PostgreSQL the same burst without it walks through',
    async () => {
      const results = await Promise.all(Array.from({ length: 20 }, () => takeSlot('d', 3, false)));
      expect(results.filter(Boolean).length).toBeGreaterThan(3);
    },
  );
});
