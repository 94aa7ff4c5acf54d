import type { UseCaseDeps } from '../../../platform/deps';
import { findCaseOrThrow } from '../../cases';
import { listCaseOfferEvents } from '../offers.repository';

/** What was offered on a case and how the customer answered, oldest first; `ended` once answered. */
export async function listCaseOffers(deps: UseCaseDeps, input: { caseId: string }) {
  await findCaseOrThrow(deps.db, input.caseId);
  const rows = await listCaseOfferEvents(deps.db, input.caseId);
  return {
    items: rows.map((r) => ({
      offerId: r.offer_id,
      event: r.event,
      terms: r.terms as Record<string, unknown>,
      holdout: r.holdout,
      at: r.at,
    })),
    ended: rows.some((r) => r.event === 'accepted' || r.event === 'declined'),
  };
}
