import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Kysely, type KyselyConfig, PGliteDialect, PostgresDialect } from 'kysely';
import pg from 'pg';
import { prepareStatementsOf } from './prepared-statements';
import type { DB } from './schema';

export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  kind: DatabaseKind;
  /** The embedded instance, when kind is pglite (tests dump and clone it). */
  pglite?: PGlite;
  /** The connection string, when kind is postgres (the job queue opens its own pool). */
  url?: string;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** A PostgreSQL connection string; when absent the embedded PGlite is used. */
  databaseUrl?: string;
  /** PGlite data folder; undefined means in memory. */
  dataDir?: string;
  /** A PGlite data-folder dump to start from (tests clone a prepared template). */
  loadDataDir?: Blob;
  poolSize?: number;
  /** PostgreSQL: send statements with parameters as named prepared statements (default true; see prepared-statements.ts). */
  preparedStatements?: boolean;
  /** Kysely's query log, called once per statement sent (the bench counts round trips with it). */
  log?: KyselyConfig['log'];
}

/** Connections per app instance to PostgreSQL (DATABASE_POOL_SIZE); see the README's Benchmarks section. */
export const DEFAULT_POOL_SIZE = 10;

const INT8_OID = 20;
const DATE_OID = 1082;

// int8 (counts, sums, money) becomes a number on both drivers; business dates stay 'YYYY-MM-DD'
// strings so that no time-zone shift can move them.
pg.types.setTypeParser(INT8_OID, (v) => Number(v));
pg.types.setTypeParser(DATE_OID, (v) => v);
const pgliteParsers = { [INT8_OID]: (v: string) => Number(v), [DATE_OID]: (v: string) => v };

export const pgliteExtensions = { pg_trgm };

/** Opens the embedded PGlite database, or PostgreSQL when a URL is given. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? DEFAULT_POOL_SIZE,
    });
    if (options.preparedStatements ?? true) prepareStatementsOf(pool);
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), log: options.log });
    return { db, kind: 'postgres', url: options.databaseUrl, close: () => db.destroy() };
  }
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const pglite = await PGlite.create({
    dataDir: options.dataDir,
    loadDataDir: options.loadDataDir,
    extensions: pgliteExtensions,
    parsers: pgliteParsers,
  });
  const db = new Kysely<DB>({ dialect: new PGliteDialect({ pglite }), log: options.log });
  return {
    db,
    kind: 'pglite',
    pglite,
    close: async () => {
      await db.destroy();
      if (!pglite.closed) await pglite.close();
    },
  };
}
