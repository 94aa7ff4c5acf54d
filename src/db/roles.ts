import { type Kysely, sql } from 'kysely';

// On PostgreSQL kulanz can run as two roles: the owner, which runs the migrations and owns every
// table, and the app's own ordinary role, which may only read and write rows. Only the owner (or a
// superuser) can disable or drop a trigger, and only a superuser can SET session_replication_role
// (which silences every trigger), so the append-only tables hold against the app's own connection.

// biome-ignore lint/suspicious/noExplicitAny: works on any schema, before and after migrations
type AnyDb = Kysely<any>;

/** Tables whose rows are refused UPDATE, DELETE and TRUNCATE by a trigger (kulanz_refuse_change). */
export async function appendOnlyTables(db: AnyDb): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select distinct c.relname as name
    from pg_trigger t
    join pg_class c on c.oid = t.tgrelid
    join pg_namespace n on n.oid = c.relnamespace
    join pg_proc p on p.oid = t.tgfoid
    where p.proname = 'kulanz_refuse_change' and n.nspname = current_schema()
    order by 1`.execute(db);
  return rows.map((r) => r.name);
}

export interface RoleReport {
  name: string;
  isSuperuser: boolean;
  /** Append-only tables this role owns, or whose owner it is a member of: it could drop their triggers. */
  ownsAppendOnly: string[];
}

/** Who this connection acts as, and whether it could switch off the append-only guarantee. */
export async function describeRole(db: AnyDb): Promise<RoleReport> {
  const { rows } = await sql<{ name: string; is_superuser: boolean }>`
    select current_user as name, rolsuper as is_superuser from pg_roles where rolname = current_user`.execute(
    db,
  );
  const owned = await sql<{ name: string }>`
    select c.relname as name
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = current_schema()
      and c.relname = any(${await appendOnlyTables(db)})
      and pg_has_role(current_user, c.relowner, 'MEMBER')
    order by 1`.execute(db);
  return {
    name: rows[0]!.name,
    isSuperuser: rows[0]!.is_superuser,
    ownsAppendOnly: owned.rows.map((r) => r.name),
  };
}

/** What a role could do to the append-only tables, in words for a start-up warning; null when nothing. */
export function roleWarning(role: RoleReport): string | null {
  if (role.isSuperuser)
    return (
      `the app connects to PostgreSQL as the superuser "${role.name}", which can switch off the ` +
      'append-only triggers of the audit log and the notes (SET session_replication_role = replica)'
    );
  if (role.ownsAppendOnly.length)
    return (
      `the app connects to PostgreSQL as "${role.name}", which owns ${role.ownsAppendOnly.join(', ')} ` +
      'and so can disable or drop their append-only triggers'
    );
  return null;
}

const id = (name: string) => sql.id(name);

/**
 * Run as the owner after the migrations: the app role may read and write the rows of every table
 * and use every sequence in the app's schema and in `alsoSchemas` (the job queue's), now and for
 * tables the owner creates later, except that it may not change or delete the rows of an append-only table, nor
 * change the migrations' own records. It never gets TRUNCATE, TRIGGER or ownership.
 */
export async function grantAppRole(owner: AnyDb, appRole: string, alsoSchemas: string[] = []): Promise<void> {
  const app = id(appRole);
  // instances starting at once would race on the same catalog rows ("tuple concurrently updated")
  await owner.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext('kulanz:grant-app-role'))`.execute(trx);
    const { rows } = await sql<{ name: string }>`
      select nspname as name from pg_namespace
      where nspname = current_schema() or nspname = any(${alsoSchemas}) order by 1`.execute(trx);
    for (const schema of rows.map((r) => id(r.name))) {
      await sql`grant usage on schema ${schema} to ${app}`.execute(trx);
      await sql`grant select, insert, update, delete on all tables in schema ${schema} to ${app}`.execute(
        trx,
      );
      await sql`grant usage, select, update on all sequences in schema ${schema} to ${app}`.execute(trx);
      await sql`alter default privileges in schema ${schema} grant select, insert, update, delete on tables to ${app}`.execute(
        trx,
      );
      await sql`alter default privileges in schema ${schema} grant usage, select, update on sequences to ${app}`.execute(
        trx,
      );
    }
    for (const table of await appendOnlyTables(trx))
      await sql`revoke update, delete, truncate on table ${id(table)} from ${app}`.execute(trx);
    for (const table of ['kulanz_migration', 'kulanz_migration_lock'])
      await sql`revoke insert, update, delete, truncate on table ${id(table)} from ${app}`.execute(trx);
  });
}
