import type { Kysely } from 'kysely';
import { type Migration, type MigrationProvider, Migrator } from 'kysely/migration';
import * as m0001 from './migrations/0001-foundation';
import * as m0002 from './migrations/0002-account-lookup';
import * as m0004 from './migrations/0004-messaging';
import * as m0005 from './migrations/0005-surveys';
import * as m0006 from './migrations/0006-email-codes';
import * as m0007 from './migrations/0007-subscription-end-of-term';
import * as m0008 from './migrations/0008-list-indexes';
import * as m0009 from './migrations/0009-payment-refunds';
import * as m0011 from './migrations/0011-login-throttle';
import * as m0012 from './migrations/0012-outbox-clear-parts';
import * as m0013 from './migrations/0013-verification-state';
import * as m0014 from './migrations/0014-refund-policy';
import * as m0015 from './migrations/0015-refund-requests';
import * as m0016 from './migrations/0016-refund-executions';
import * as m0017 from './migrations/0017-refund-evidence';
import * as m0018 from './migrations/0018-cancellations';
import * as m0019 from './migrations/0019-retention-offers';
import * as m0020 from './migrations/0020-insights-indexes';
import * as m0022 from './migrations/0022-name-tokens';
import * as m0023 from './migrations/0023-name-keys';
import * as m0024 from './migrations/0024-replay-order';
import * as m0025 from './migrations/0025-hot-path-indexes';
import * as m0026 from './migrations/0026-insight-events';

// Migrations are listed here, not discovered from the file system, so they work the same
// under tsx, in tests and in a bundled build. Forward-only once landed.
export const migrations: Record<string, Migration> = {
  '0001-foundation': m0001,
  '0002-account-lookup': m0002,
  '0004-messaging': m0004,
  '0005-surveys': m0005,
  '0006-email-codes': m0006,
  '0007-subscription-end-of-term': m0007,
  '0008-list-indexes': m0008,
  '0009-payment-refunds': m0009,
  '0011-login-throttle': m0011,
  '0012-outbox-clear-parts': m0012,
  '0013-verification-state': m0013,
  '0014-refund-policy': m0014,
  '0015-refund-requests': m0015,
  '0016-refund-executions': m0016,
  '0019-retention-offers': m0019,
  '0020-insights-indexes': m0020,
  '0018-cancellations': m0018,
  '0017-refund-evidence': m0017,
  '0022-name-tokens': m0022,
  '0023-name-keys': m0023,
  '0024-replay-order': m0024,
  '0025-hot-path-indexes': m0025,
  '0026-insight-events': m0026,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Brings the schema up to date; throws with the failing migration's name. */
// biome-ignore lint/suspicious/noExplicitAny: the migrator runs on any schema
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider,
    migrationTableName: 'kulanz_migration',
    migrationLockTableName: 'kulanz_migration_lock',
    // reserved lower numbers (0002, 0003) may land after 0004+ already ran on a database
    allowUnorderedMigrations: true,
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    throw new Error(
      `migration ${failed?.migrationName ?? '?'} failed: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
