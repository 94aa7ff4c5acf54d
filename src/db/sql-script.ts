import { type Kysely, sql } from 'kysely';

/**
 * Splits a SQL script into statements on top-level semicolons (outside quotes, $$ bodies and
 * comments), because the extended protocol that both drivers use runs one statement at a time.
 */
export function splitSqlScript(script: string): string[] {
  const out: string[] = [];
  let current = '';
  let i = 0;
  let inDollar = false;
  let inQuote = false;
  while (i < script.length) {
    const ch = script[i]!;
    const two = script.slice(i, i + 2);
    if (!inDollar && !inQuote && two === '--') {
      const end = script.indexOf('\n', i);
      i = end === -1 ? script.length : end;
      continue;
    }
    if (!inQuote && two === '$$') {
      inDollar = !inDollar;
      current += two;
      i += 2;
      continue;
    }
    if (!inDollar && ch === "'") inQuote = !inQuote;
    if (!inDollar && !inQuote && ch === ';') {
      if (current.trim()) out.push(current.trim());
      current = '';
      i += 1;
      continue;
    }
    current += ch;
    i += 1;
  }
  if (current.trim()) out.push(current.trim());
  return out;
}

/** Runs a multi-statement SQL script statement by statement (inside the migration's transaction). */
// biome-ignore lint/suspicious/noExplicitAny: migrations run on any schema
export async function runSqlScript(db: Kysely<any>, script: string): Promise<void> {
  for (const statement of splitSqlScript(script)) await sql.raw(statement).execute(db);
}
