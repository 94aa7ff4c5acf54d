import type { Executor } from '../../platform/audit';

/** The published version in force on a business date: the newest that took effect by then. */
export function findPolicyInForce(db: Executor, onDate: string) {
  return db
    .selectFrom('policy_versions')
    .selectAll()
    .where('effective_from', '<=', onDate)
    .orderBy('effective_from', 'desc')
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** One published version by its number, or undefined. */
export function findPolicyVersion(db: Executor, version: number) {
  return db.selectFrom('policy_versions').selectAll().where('version', '=', version).executeTakeFirst();
}
