import { EventEmitter } from 'node:events';
import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { prepareStatementsOf } from './prepared-statements';

type Call = { text: string; name?: string; values?: unknown[] };

/** A pool that hands out one fake client, which records what it is sent and fails when told to. */
function fakePool(fail?: (call: Call) => Error | undefined) {
  const pool = new EventEmitter();
  const calls: Call[] = [];
  const client = {
    query: (config: unknown, values?: unknown[]) => {
      const call: Call =
        typeof config === 'string'
          ? { text: config, values }
          : { ...(config as { text: string; name: string; values: unknown[] }) };
      calls.push(call);
      const error = fail?.(call);
      return error ? Promise.reject(error) : Promise.resolve({ rows: [], rowCount: 0 });
    },
  };
  return {
    pool: pool as unknown as pg.Pool,
    client: client as unknown as pg.PoolClient,
    calls,
    connect: () => pool.emit('connect', client),
  };
}

describe('prepared statements', () => {
  it('names each distinct statement with parameters once per connection and reuses the name', async () => {
    const { pool, client, calls, connect } = fakePool();
    prepareStatementsOf(pool);
    connect();
    await client.query('select 1 where a = $1', [1]);
    await client.query('select 2 where b = $1', [2]);
    await client.query('select 1 where a = $1', [3]);
    expect(calls.map((c) => [c.name, c.values])).toEqual([
      ['kz0_0', [1]],
      ['kz0_1', [2]],
      ['kz0_0', [3]],
    ]);
  });

  it('sends statements without parameters unnamed, so scripts of several statements keep working', async () => {
    const { pool, client, calls, connect } = fakePool();
    prepareStatementsOf(pool);
    connect();
    await client.query('create table t (a int); create index on t (a)');
    await client.query('select 1', []);
    expect(calls.every((c) => c.name === undefined)).toBe(true);
  });

  it('sends statements past the cap unnamed and keeps the ones it has', async () => {
    const { pool, client, calls, connect } = fakePool();
    prepareStatementsOf(pool, 2);
    connect();
    for (const t of ['a', 'b', 'c', 'a']) await client.query(`select $1::text as ${t}`, [t]);
    expect(calls.map((c) => c.name)).toEqual(['kz0_0', 'kz0_1', undefined, 'kz0_0']);
  });

  it('prepares afresh under a new name when a migration changed the table under a prepared select *', async () => {
    let stale = false;
    const { pool, client, calls, connect } = fakePool((call) => {
      if (call.name === 'kz0_0' && stale) {
        stale = false;
        return new Error('cached plan must not change result type');
      }
      return undefined;
    });
    prepareStatementsOf(pool);
    connect();
    await client.query('select * from t where a = $1', [1]); // prepared as kz0_0
    stale = true;
    await expect(client.query('select * from t where a = $1', [1])).resolves.toBeDefined();
    expect(calls.map((c) => c.name)).toEqual(['kz0_0', 'kz0_0', 'kz1_0']);
  });

  it('reports the first error when the fresh statement fails too (inside a transaction that error aborted)', async () => {
    const { pool, client, connect } = fakePool((call) =>
      call.name === 'kz0_0'
        ? new Error('cached plan must not change result type')
        : new Error('current transaction is aborted, commands ignored until end of transaction block'),
    );
    prepareStatementsOf(pool);
    connect();
    await expect(client.query('select * from t where a = $1', [1])).rejects.toThrow(/cached plan/);
  });

  it('passes any other error through without a retry', async () => {
    const { pool, client, calls, connect } = fakePool(() => new Error('duplicate key value'));
    prepareStatementsOf(pool);
    connect();
    await expect(client.query('insert into t values ($1)', [1])).rejects.toThrow(/duplicate key/);
    expect(calls).toHaveLength(1);
  });
});
