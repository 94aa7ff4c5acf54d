import { writeAudit } from '../../../platform/audit';
import type { UseCaseDeps } from '../../../platform/deps';
import { getSetting } from '../settings.repository';
import type { SettingKey, SettingValue } from '../settings.schemas';

/** An admin changes a setting (validated at the edge); the old and new value are audited. */
export async function updateSetting<K extends SettingKey>(deps: UseCaseDeps, key: K, value: SettingValue<K>) {
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    const before = await getSetting(trx, key);
    await trx
      .insertInto('settings')
      .values({ key, value: JSON.stringify(value), updated_at: now, updated_by: deps.actor.id })
      .onConflict((oc) =>
        oc
          .column('key')
          .doUpdateSet({ value: JSON.stringify(value), updated_at: now, updated_by: deps.actor.id }),
      )
      .execute();
    await writeAudit(trx, deps.actor, now, {
      action: 'settings.updated',
      entityType: 'setting',
      entityId: key,
      changes: { from: before, to: value },
    });
    return value;
  });
}
