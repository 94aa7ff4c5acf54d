import { writeAudit } from '../../../platform/audit';
import type { UseCaseDeps } from '../../../platform/deps';
import { newId } from '../../../platform/ids';
import { offerColumns, toOfferResponse } from '../offer-admin';
import { findOfferOrThrow, insertOffer, nextOfferPosition } from '../offers.repository';
import type { OfferBody, OfferResponse } from '../offers.schemas';

/** An admin defines a new offer; it goes last in the order. */
export async function createOffer(deps: UseCaseDeps, input: { body: OfferBody }): Promise<OfferResponse> {
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    const columns = await offerColumns(trx, input.body, now);
    const id = newId('ofr', now);
    const position = await nextOfferPosition(trx);
    await insertOffer(trx, { ...columns, id, position, created_by: deps.actor.id, created_at: now });
    await writeAudit(trx, deps.actor, now, {
      action: 'offer.created',
      entityType: 'retention_offer',
      entityId: id,
      changes: { ...input.body, position },
    });
    return toOfferResponse(await findOfferOrThrow(trx, id));
  });
}
