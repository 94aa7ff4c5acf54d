import { type Kysely, sql } from 'kysely';

/**
 * Counts every row written to every table of the test's own database copy (the app's tables and the
 * job queue's), by a row trigger per table, so a test can ask cheaply whether a request changed
 * anything. Rolled-back writes roll back their counts too: what is counted is what was committed.
 */
export async function installWriteLog(db: Kysely<any>) {
  await sql`create table if not exists test_write_log (tbl text primary key, n bigint not null)`.execute(db);
  await sql`
    create or replace function test_log_write() returns trigger language plpgsql as $$
    begin
      insert into test_write_log values (tg_table_schema || '.' || tg_table_name, 1)
        on conflict (tbl) do update set n = test_write_log.n + 1;
      return null;
    end $$`.execute(db);
  // plain and partitioned tables (a partitioned table's trigger also covers its partitions); not the
  // job queue's own bookkeeping of its running instances, which it updates on its own timer
  const { rows } = await sql<{ schema: string; name: string }>`
    select n.nspname as schema, c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where c.relkind in ('r', 'p') and not c.relispartition and n.nspname in ('public', 'pgboss')
      and c.relname <> 'test_write_log' and (n.nspname, c.relname) not in (('pgboss', 'instance'), ('pgboss', 'version'))`.execute(
    db,
  );
  for (const { schema, name } of rows)
    await sql
      .raw(
        `create trigger test_log_writes after insert or update or delete on "${schema}"."${name}" for each row execute function test_log_write()`,
      )
      .execute(db);
  const counts = async () => {
    const { rows: logged } = await sql<{
      tbl: string;
      n: string;
    }>`select tbl, n::text from test_write_log`.execute(db);
    return new Map(logged.map((r) => [r.tbl, Number(r.n)]));
  };
  return {
    tables: rows.map((r) => `${r.schema}.${r.name}`),
    counts,
    /** The tables written since `before` (a result of counts()). */
    changedSince(before: Map<string, number>, after: Map<string, number>): string[] {
      return [...after.keys()].filter((table) => after.get(table) !== before.get(table));
    },
  };
}
