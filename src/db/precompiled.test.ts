import {
  type CompiledQuery,
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
} from 'kysely';
import { describe, expect, it } from 'vitest';
import { precompiled } from './precompiled';
import type { DB } from './schema';

function recordingDb() {
  const sent: CompiledQuery[] = [];
  const db = new Kysely<DB>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (k) => new PostgresIntrospector(k),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
    log: (event) => {
      sent.push(event.query);
    },
  });
  return { db, sent };
}

describe('precompiled queries', () => {
  it('builds once and sends the same SQL with each call’s values', async () => {
    const { db, sent } = recordingDb();
    let builds = 0;
    const byEmail = precompiled(2, (d, email: string, active: boolean) => {
      builds++;
      return d
        .selectFrom('staff_users')
        .select('id')
        .where('email', '=', email)
        .where('is_active', '=', active)
        .limit(5);
    });
    await byEmail(db, 'a@x.test', true);
    await byEmail(db, 'b@x.test', false);
    expect(builds).toBe(1);
    expect(sent.map((q) => q.sql)).toEqual([sent[0]!.sql, sent[0]!.sql]);
    expect(sent.map((q) => q.parameters)).toEqual([
      ['a@x.test', true, 5],
      ['b@x.test', false, 5],
    ]);
  });

  it('refuses a build that does not use every argument as a value', async () => {
    const { db } = recordingDb();
    const unused = precompiled(1, (d, _id: string) => d.selectFrom('staff_users').select('id'));
    await expect(unused(db, 'x')).rejects.toThrow(/uses 0 of its 1 arguments/);
  });
});
