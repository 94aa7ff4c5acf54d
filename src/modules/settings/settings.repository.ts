import type { Executor } from '../../platform/audit';
import { SETTINGS, type SettingKey, type SettingValue } from './settings.schemas';

/** A setting as stored, or its default; a stored value that no longer fits the schema falls back too. */
export async function getSetting<K extends SettingKey>(db: Executor, key: K): Promise<SettingValue<K>> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  const parsed = row ? SETTINGS[key].schema.safeParse(row.value) : undefined;
  return (parsed?.success ? parsed.data : SETTINGS[key].defaults) as SettingValue<K>;
}

/** Stores a setting's new value (validated at the edge), inserting it on its first change. */
export async function putSetting(
  trx: Executor,
  row: { key: SettingKey; value: unknown; at: Date; by: string | null },
): Promise<void> {
  const value = JSON.stringify(row.value);
  await trx
    .insertInto('settings')
    .values({ key: row.key, value, updated_at: row.at, updated_by: row.by })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: row.at, updated_by: row.by }))
    .execute();
}
