import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/harness';
import { appendOnlyTables } from './roles';

// Every table the migrations make append-only refuses UPDATE, DELETE and TRUNCATE in the database
// itself, whoever asks (here the test's own connection, which owns the tables). The list comes
// from the triggers, so a table made append-only later is held to the same.
const TRIGGER_DELETE = 8;
const TRIGGER_UPDATE = 16;
const TRIGGER_TRUNCATE = 32;

let t: TestApp;
let db: Kysely<unknown>;
let tables: string[];

beforeAll(async () => {
  t = await startTestApp();
  db = t.db as unknown as Kysely<unknown>;
  tables = await appendOnlyTables(db);
});
afterAll(async () => {
  await t?.close();
});

describe('append-only tables', () => {
  it('are at least the audit log and the notes', () => {
    expect(tables).toEqual(expect.arrayContaining(['audit_events', 'notes']));
  });

  it('each have a trigger for UPDATE and DELETE of a row and one for TRUNCATE', async () => {
    for (const table of tables) {
      const { rows } = await sql<{ type: number }>`
        select t.tgtype::int as type from pg_trigger t join pg_proc p on p.oid = t.tgfoid
        where t.tgrelid = ${table}::regclass and p.proname = 'kulanz_refuse_change'`.execute(db);
      const types = rows.map((r) => r.type);
      expect(
        types.some((ty) => ty & TRIGGER_UPDATE && ty & TRIGGER_DELETE),
        `${table}: update/delete`,
      ).toBe(true);
      expect(
        types.some((ty) => ty & TRIGGER_TRUNCATE),
        `${table}: truncate`,
      ).toBe(true);
    }
  });

  it('refuse TRUNCATE, and keep every row', async () => {
    for (const table of tables) {
      const count = async () =>
        (await sql<{ n: number }>`select count(*)::int as n from ${sql.id(table)}`.execute(db)).rows[0]!.n;
      const before = await count();
      // cascade, so that a foreign key pointing at the table (commitments → notes) is not what refuses
      await expect(sql`truncate ${sql.id(table)} cascade`.execute(db), table).rejects.toThrow(
        new RegExp(`${table} is append-only: TRUNCATE refused`),
      );
      expect(await count(), table).toBe(before);
    }
  });

  it('refuse UPDATE and DELETE of their rows (the seeded audit log and notes have rows)', async () => {
    for (const table of ['audit_events', 'notes']) {
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.id(table)}`.execute(db);
      expect(rows[0]!.n, table).toBeGreaterThan(0);
      await expect(sql`update ${sql.id(table)} set id = id`.execute(db), table).rejects.toThrow(
        new RegExp(`${table} is append-only: UPDATE refused`),
      );
      await expect(sql`delete from ${sql.id(table)}`.execute(db), table).rejects.toThrow(
        new RegExp(`${table} is append-only: DELETE refused`),
      );
    }
  });
});
