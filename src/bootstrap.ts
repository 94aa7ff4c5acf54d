import type { AppConfig } from './config';
import { type Database, openDatabase } from './db/database';
import { migrateToLatest } from './db/migrate';
import { describeRole, grantAppRole, type RoleReport, roleWarning } from './db/roles';
import { systemClock } from './platform/clock';
import type { AppContext } from './platform/http/context';
import { installJobSchema, JOB_SCHEMA } from './platform/jobs';
import { ensureServerSecret } from './platform/server-secret';

export interface Runtime extends Omit<AppContext, 'jobs'> {
  database: Database;
  migrated: string[];
  /** On PostgreSQL: the role the app connects as (DATABASE_URL), and the owner's when separate. */
  roles: { app: RoleReport; owner: string | null } | null;
  /** What start-up should say before serving (a production app that could switch off its own audit log). */
  warnings: string[];
}

/**
 * Opens the configured database, brings it up to date and resolves the server secret. With
 * DATABASE_MIGRATION_URL the migrations, pg-boss's schema and the app role's grants are done by
 * that owner role, and the app keeps only its own (DATABASE_URL) connection.
 */
export async function openRuntime(config: AppConfig): Promise<Runtime> {
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: config.databasePoolSize,
    preparedStatements: config.databasePreparedStatements,
  });
  try {
    const app = database.kind === 'postgres' ? await describeRole(database.db) : null;
    const { migrated, owner } = config.databaseMigrationUrl
      ? await migrateAsOwner(config.databaseMigrationUrl, app!.name)
      : { migrated: await migrateWithHint(database), owner: null };
    // the role is described again after migrating: a fresh database has no append-only tables before
    const roles = app ? { app: await describeRole(database.db), owner } : null;
    const secret = await ensureServerSecret(database.db, config.secret);
    return {
      database,
      db: database.db,
      clock: systemClock,
      config,
      secret,
      migrated,
      roles,
      warnings: startupWarnings(config, roles),
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}

async function migrateAsOwner(url: string, appRole: string) {
  const owner = await openDatabase({ databaseUrl: url, poolSize: 2, preparedStatements: false });
  try {
    const migrated = await migrateToLatest(owner.db);
    await installJobSchema(owner);
    await grantAppRole(owner.db, appRole, [JOB_SCHEMA]);
    return { migrated, owner: (await describeRole(owner.db)).name };
  } finally {
    await owner.close();
  }
}

/** Migrates on the app's own connection; a role that may not is told where the owner goes. */
async function migrateWithHint(database: Database): Promise<string[]> {
  try {
    return await migrateToLatest(database.db);
  } catch (error) {
    const code = (error as { cause?: { code?: string } }).cause?.code;
    if (code !== '42501') throw error; // insufficient_privilege
    throw new Error(
      `${(error as Error).message}\n  DATABASE_URL's role may not change the schema: set DATABASE_MIGRATION_URL ` +
        'to the owner role (README, Security) and start again, or run `kulanz migrate` with it',
      { cause: error },
    );
  }
}

function startupWarnings(config: AppConfig, roles: Runtime['roles']): string[] {
  if (!roles || !config.isProduction) return [];
  const warning = roleWarning(roles.app);
  if (!warning) return [];
  return [
    `${warning}. Give DATABASE_URL an ordinary role and DATABASE_MIGRATION_URL the owner role (README, Security).`,
  ];
}

/**
 * Runs `fn` on the owner role's connection when DATABASE_MIGRATION_URL is set (loading demo data
 * rebuilds indexes and analyses tables, which the app role may not), else on the app's own.
 */
export async function withOwnerDatabase<T>(
  runtime: Runtime,
  fn: (database: Database) => Promise<T>,
): Promise<T> {
  const url = runtime.config.databaseMigrationUrl;
  if (!url) return fn(runtime.database);
  const owner = await openDatabase({ databaseUrl: url, poolSize: 4, preparedStatements: false });
  try {
    return await fn(owner);
  } finally {
    await owner.close();
  }
}
