import type { UseCaseDeps } from '../../../platform/deps';
import { findCaseOrThrow } from '../../cases';
import { assertCaseVerified } from '../../verification';
import { gatherOfferFacts } from '../offer-facts';
import { presentOffers } from './present-offers';

/** POST /api/cases/:id/offers/present: on a case verified for cancelling, gathers the facts and presents the offers. */
export async function presentCaseOffers(
  deps: UseCaseDeps,
  input: { caseId: string; subscriptionId: string; reasonCode: string },
) {
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    await findCaseOrThrow(trx, input.caseId, 'params.id');
    const caller = await assertCaseVerified(trx, deps.clock, { caseId: input.caseId, action: 'cancel' });
    const facts = await gatherOfferFacts(trx, {
      ...input,
      accountId: caller.accountId,
      now,
      timeZone: deps.config.timeZone,
    });
    return presentOffers(trx, deps, { caseId: input.caseId, facts });
  });
}
