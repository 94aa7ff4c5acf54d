import { writeAudit } from '../../../platform/audit';
import type { UseCaseDeps } from '../../../platform/deps';
import { DomainError } from '../../../platform/errors';
import { offerColumns, toOfferResponse } from '../offer-admin';
import { OfferErrors } from '../offers.errors';
import { findOfferOrThrow, lockOfferOrThrow, updateOfferRow } from '../offers.repository';
import type { OfferBody, OfferResponse } from '../offers.schemas';

/**
 * An admin replaces an offer's definition (title, terms, eligibility, limit, active). What was
 * shown or accepted earlier keeps the terms it was shown with (offer_events.terms).
 */
export async function updateOffer(
  deps: UseCaseDeps,
  input: { offerId: string; body: OfferBody },
): Promise<OfferResponse> {
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    const before = await lockOfferOrThrow(trx, input.offerId);
    const columns = await offerColumns(trx, input.body, now);
    if (columns.max_redemptions !== null && columns.max_redemptions < before.redemptions)
      throw new DomainError(
        OfferErrors.OFFER_MAX_REDEMPTIONS_TOO_LOW,
        `The offer was redeemed ${before.redemptions} times already`,
        { field: 'body.maxRedemptions', redemptions: before.redemptions },
      );
    await updateOfferRow(trx, before.id, columns);
    await writeAudit(trx, deps.actor, now, {
      action: 'offer.updated',
      entityType: 'retention_offer',
      entityId: before.id,
      changes: {
        from: {
          title: { de: before.title_de, en: before.title_en },
          terms: before.terms,
          eligibility: before.eligibility,
          maxRedemptions: before.max_redemptions,
          active: before.is_active,
        },
        to: input.body,
      },
    });
    return toOfferResponse(await findOfferOrThrow(trx, before.id));
  });
}
