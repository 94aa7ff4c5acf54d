import type { UseCaseDeps } from '../../../platform/deps';
import { reasonList, toOfferResponse } from '../offer-admin';
import { findOfferSettings, listOfferRows } from '../offers.repository';
import type { OfferListResponse } from '../offers.schemas';

/** Every offer in the admin's order, the holdout setting, and the reason codes offers can aim at. */
export async function listOffersAdmin(deps: UseCaseDeps): Promise<OfferListResponse> {
  const [rows, settings] = await Promise.all([listOfferRows(deps.db), findOfferSettings(deps.db)]);
  return {
    items: rows.map(toOfferResponse),
    holdout: { percent: settings.holdout_percent, salt: settings.salt },
    reasons: reasonList(),
  };
}
