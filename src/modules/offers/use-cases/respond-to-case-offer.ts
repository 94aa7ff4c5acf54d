import type { UseCaseDeps } from '../../../platform/deps';
import { findCaseOrThrow } from '../../cases';
import { assertCaseVerified } from '../../verification';
import { type RespondToOfferInput, respondToOffer } from './respond-to-offer';

/** POST /api/cases/:id/offers/:offerId/respond: the customer's answer, on a case verified for cancelling. */
export async function respondToCaseOffer(deps: UseCaseDeps, input: RespondToOfferInput) {
  return deps.db.transaction().execute(async (trx) => {
    await findCaseOrThrow(trx, input.caseId, 'params.id');
    await assertCaseVerified(trx, deps.clock, { caseId: input.caseId, action: 'cancel' });
    return respondToOffer(trx, deps, input);
  });
}
