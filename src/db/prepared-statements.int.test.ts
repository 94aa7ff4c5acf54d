import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from './database';

// Prepared statements are a PostgreSQL driver matter: PGlite runs in the process and is untouched.
const onPostgres = process.env.KULANZ_TEST_DB === 'postgres';
if (!onPostgres) console.log('prepared-statements.int.test: PostgreSQL only; runs in the int-postgres tier');

describe.runIf(onPostgres)('prepared statements on PostgreSQL', () => {
  let admin: Database;
  let database: Database;
  let name: string;

  beforeAll(async () => {
    const url = process.env.TEST_DATABASE_URL!;
    name = `kulanz_prep_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    admin = await openDatabase({ databaseUrl: url, poolSize: 1 });
    await sql.raw(`create database ${name}`).execute(admin.db);
    const u = new URL(url);
    u.pathname = `/${name}`;
    // one connection, so every statement below meets the statements prepared before it
    database = await openDatabase({ databaseUrl: u.toString(), poolSize: 1 });
    await sql`create table things (id int primary key, label text)`.execute(database.db);
    await sql`insert into things values (1, 'one'), (2, 'two')`.execute(database.db);
  });

  afterAll(async () => {
    await database?.close();
    await sql.raw(`drop database if exists ${name}`).execute(admin.db);
    await admin.close();
  });

  const byId = (id: number) =>
    sql<{ id: number }>`select * from things where id = ${id}`.execute(database.db);

  it('keeps a statement with parameters prepared on the connection and runs it by name', async () => {
    expect((await byId(1)).rows).toEqual([{ id: 1, label: 'one' }]);
    expect((await byId(2)).rows).toEqual([{ id: 2, label: 'two' }]);
    const prepared = await sql<{ statement: string }>`
      select statement from pg_prepared_statements where statement like '%from things where id%'`.execute(
      database.db,
    );
    expect(prepared.rows).toHaveLength(1);
  });

  it('answers with the new shape after a migration changed the table under a prepared select *', async () => {
    await byId(1);
    await sql`alter table things add column note text`.execute(database.db);
    expect((await byId(1)).rows).toEqual([{ id: 1, label: 'one', note: null }]);
  });

  it('runs a script of several statements without parameters as before', async () => {
    await sql`create table more_things (id int); insert into more_things values (7)`.execute(database.db);
    const r = await sql<{ n: number }>`select count(*)::int as n from more_things where id = ${7}`.execute(
      database.db,
    );
    expect(r.rows[0]!.n).toBe(1);
  });
});
