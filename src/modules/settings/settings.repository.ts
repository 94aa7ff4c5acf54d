import type { Executor } from '../../platform/audit';
import { SETTINGS, type SettingKey, type SettingValue } from './settings.schemas';

/** A setting as stored, or its default; a stored value that no longer fits the schema falls back too. */
export async function getSetting<K extends SettingKey>(db: Executor, key: K): Promise<SettingValue<K>> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  const parsed = row ? SETTINGS[key].schema.safeParse(row.value) : undefined;
  return (parsed?.success ? parsed.data : SETTINGS[key].defaults) as SettingValue<K>;
}
