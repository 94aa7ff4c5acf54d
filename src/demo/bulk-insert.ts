import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../db/schema';

/** A column and the SQL type its text form is cast to. */
export type BulkColumn = readonly [name: string, type: string];

function toText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString();
  return String(v);
}

/**
 * Inserts many rows with one statement: every column travels as one text array and
 * `unnest` turns the arrays back into rows. One round trip per table and batch, on PostgreSQL
 * and PGlite alike, and only as many bind parameters as there are columns.
 */
export async function bulkInsert<R extends object>(
  db: Kysely<DB> | Transaction<DB>,
  table: string,
  columns: readonly BulkColumn[],
  rows: readonly R[],
  extra: { column: string; expression: string } | null = null,
): Promise<void> {
  if (rows.length === 0) return;
  const arrays = columns.map(([name]) => rows.map((row) => toText((row as Record<string, unknown>)[name])));
  const names = columns.map(([name]) => name);
  const aliases = columns.map((_, i) => `c${i}`);
  const selects = columns.map(([, type], i) => `c${i}::${type}`);
  if (extra) {
    names.push(extra.column);
    selects.push(extra.expression);
  }
  const params = sql.join(arrays.map((a) => sql`${a}::text[]`));
  await sql`insert into ${sql.raw(table)} (${sql.raw(names.join(', '))}) select ${sql.raw(selects.join(', '))} from unnest(${params}) as t(${sql.raw(aliases.join(', '))})`.execute(
    db,
  );
}
