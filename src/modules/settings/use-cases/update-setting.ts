import { writeAudit } from '../../../platform/audit';
import type { UseCaseDeps } from '../../../platform/deps';
import { getSetting, putSetting } from '../settings.repository';
import type { SettingKey, SettingValue } from '../settings.schemas';

/** One setting and its new value, the value's type following the key. */
export type UpdateSettingInput = { [K in SettingKey]: { key: K; value: SettingValue<K> } }[SettingKey];

/** An admin changes a setting (validated at the edge); the old and new value are audited. */
export async function updateSetting(deps: UseCaseDeps, input: UpdateSettingInput) {
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    const before = await getSetting(trx, input.key);
    await putSetting(trx, { key: input.key, value: input.value, at: now, by: deps.actor.id });
    await writeAudit(trx, deps.actor, now, {
      action: 'settings.updated',
      entityType: 'setting',
      entityId: input.key,
      changes: { from: before, to: input.value },
    });
    return input.value;
  });
}
