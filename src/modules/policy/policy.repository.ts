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

/** The published version with the highest number (it may take effect in the future). */
export function findNewestPolicy(db: Executor) {
  return db
    .selectFrom('policy_versions')
    .selectAll()
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
}

/** Every published version, newest first, with who published it by name (no documents). */
export function listPolicyVersions(db: Executor) {
  return db
    .selectFrom('policy_versions')
    .leftJoin('staff_users', 'staff_users.id', 'policy_versions.published_by')
    .select([
      'policy_versions.version',
      'policy_versions.effective_from',
      'policy_versions.published_at',
      'policy_versions.published_by',
      'staff_users.display_name as published_by_name',
    ])
    .orderBy('policy_versions.version', 'desc')
    .execute();
}

/** The draft, with who saved it last by name, or undefined. */
export function findPolicyDraft(db: Executor) {
  return db
    .selectFrom('policy_drafts')
    .leftJoin('staff_users', 'staff_users.id', 'policy_drafts.updated_by')
    .select([
      'policy_drafts.based_on',
      'policy_drafts.document',
      'policy_drafts.updated_at',
      'policy_drafts.updated_by',
      'staff_users.display_name as updated_by_name',
    ])
    .executeTakeFirst();
}

/** The draft locked for a change (save, discard, publish), or undefined when there is none. */
export function lockPolicyDraft(trx: Executor) {
  return trx.selectFrom('policy_drafts').selectAll().forUpdate().executeTakeFirst();
}

export interface DraftRow {
  basedOn: number;
  document: unknown;
  updatedBy: string;
  updatedAt: Date;
}

/** Creates the one draft; a concurrent first save loses on its primary key (policy_drafts_pkey). */
export async function insertPolicyDraft(trx: Executor, row: DraftRow): Promise<void> {
  await trx
    .insertInto('policy_drafts')
    .values({
      based_on: row.basedOn,
      document: JSON.stringify(row.document),
      updated_by: row.updatedBy,
      updated_at: row.updatedAt,
    })
    .execute();
}

/** Replaces the locked draft. */
export async function replacePolicyDraft(trx: Executor, row: DraftRow): Promise<void> {
  await trx
    .updateTable('policy_drafts')
    .set({
      based_on: row.basedOn,
      document: JSON.stringify(row.document),
      updated_by: row.updatedBy,
      updated_at: row.updatedAt,
    })
    .execute();
}

export async function deletePolicyDraft(trx: Executor): Promise<void> {
  await trx.deleteFrom('policy_drafts').execute();
}

/** Appends a published version (the table refuses changes to it afterwards). */
export async function insertPolicyVersion(
  trx: Executor,
  row: { version: number; effectiveFrom: string; document: unknown; publishedBy: string | null; at: Date },
): Promise<void> {
  await trx
    .insertInto('policy_versions')
    .values({
      version: row.version,
      effective_from: row.effectiveFrom,
      document: JSON.stringify(row.document),
      published_by: row.publishedBy,
      published_at: row.at,
    })
    .execute();
}
