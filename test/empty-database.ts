import { sql } from 'kysely';
import { type Database, openDatabase } from '../src/db/database';

/**
 * An empty database of its own, not a copy of the shared test template (which is already migrated
 * and seeded): in-memory PGlite, or a new database on the test PostgreSQL server, dropped by `drop`.
 * For tests that run the seed or the migrations from nothing, as `kulanz seed` and the first start do.
 */
export async function emptyDatabase(
  prefix: string,
): Promise<{ database: Database; drop: () => Promise<void> }> {
  if (process.env.KULANZ_TEST_DB !== 'postgres') {
    const database = await openDatabase({});
    return { database, drop: () => database.close() };
  }
  const url = process.env.TEST_DATABASE_URL!;
  const name = `${prefix}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = await openDatabase({ databaseUrl: url, poolSize: 1 });
  await sql.raw(`create database ${name}`).execute(admin.db);
  const u = new URL(url);
  u.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: u.toString(), poolSize: 4 });
  return {
    database,
    drop: async () => {
      await database.close();
      await sql.raw(`drop database if exists ${name}`).execute(admin.db);
      await admin.close();
    },
  };
}
