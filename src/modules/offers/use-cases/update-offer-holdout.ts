import { writeAudit } from '../../../platform/audit';
import type { UseCaseDeps } from '../../../platform/deps';
import { findOfferSettings, updateOfferSettings } from '../offers.repository';

/** An admin sets the share of accounts that sees no offer, and optionally a new salt (a new experiment). */
export async function updateOfferHoldout(deps: UseCaseDeps, input: { percent: number; salt?: string }) {
  await deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    const before = await findOfferSettings(trx);
    const salt = input.salt ?? before.salt;
    await updateOfferSettings(trx, {
      holdout_percent: input.percent,
      salt,
      updated_by: deps.actor.id,
      updated_at: now,
    });
    await writeAudit(trx, deps.actor, now, {
      action: 'offer.holdout_changed',
      entityType: 'offer_settings',
      entityId: 'holdout',
      changes: {
        percent: { from: before.holdout_percent, to: input.percent },
        salt: { from: before.salt, to: salt },
      },
    });
  });
}
