import { writeAudit } from '../../../platform/audit';
import type { UseCaseDeps } from '../../../platform/deps';
import { DomainError } from '../../../platform/errors';
import { OfferErrors } from '../offers.errors';
import { lockAllOfferIds, setOfferPosition } from '../offers.repository';

/** An admin puts the offers in a new order (best first); the list must name every offer once. */
export async function reorderOffers(deps: UseCaseDeps, input: { ids: string[] }): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    const existing = await lockAllOfferIds(trx);
    const given = new Set(input.ids);
    if (
      given.size !== input.ids.length ||
      given.size !== existing.length ||
      existing.some((id) => !given.has(id))
    )
      throw new DomainError(OfferErrors.OFFER_ORDER_INVALID, 'List every offer exactly once', {
        field: 'body.ids',
        expected: existing.length,
      });
    for (const [i, id] of input.ids.entries()) await setOfferPosition(trx, id, (i + 1) * 10, now);
    await writeAudit(trx, deps.actor, now, {
      action: 'offer.reordered',
      entityType: 'retention_offer',
      entityId: input.ids[0]!,
      changes: { order: input.ids },
    });
  });
}
