import type { AppConfig } from './config';
import { type Database, openDatabase } from './db/database';
import { migrateToLatest } from './db/migrate';
import { systemClock } from './platform/clock';
import type { AppContext } from './platform/http/context';
import { ensureServerSecret } from './platform/server-secret';

export interface Runtime extends Omit<AppContext, 'jobs'> {
  database: Database;
  migrated: string[];
}

/** Opens the configured database, brings it up to date and resolves the server secret. */
export async function openRuntime(config: AppConfig): Promise<Runtime> {
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: config.databasePoolSize,
    preparedStatements: config.databasePreparedStatements,
  });
  try {
    const migrated = await migrateToLatest(database.db);
    const secret = await ensureServerSecret(database.db, config.secret);
    return { database, db: database.db, clock: systemClock, config, secret, migrated };
  } catch (error) {
    await database.close();
    throw error;
  }
}
