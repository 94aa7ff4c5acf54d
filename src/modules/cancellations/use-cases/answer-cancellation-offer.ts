import type { UseCaseDeps } from '../../../platform/deps';
import { DomainError } from '../../../platform/errors';
import { type PresentedOffer, respondToOffer } from '../../offers';
import { assertCaseVerified } from '../../verification';
import { CancellationErrors } from '../cancellations.errors';
import { lockCancellationOrThrow, updateCancellation } from '../cancellations.repository';
import { assertStep, recordStep } from '../steps';

/**
 * The customer's answer to the alternatives (step 5). Declining (one offer, all of them, or
 * hearing none at all) ends the offers and the flow goes on to processing: the decision is respected. Accepting an offer
 * changes the subscription through the offers module and ends the request as retained.
 */
export async function answerCancellationOffer(
  deps: UseCaseDeps,
  input: { cancellationId: string; response: 'accepted' | 'declined'; offerId?: string },
): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    const row = await lockCancellationOrThrow(trx, input.cancellationId);
    assertStep(row, 'offers');
    // a "no" before any offer was shown is respected too: it ends the offers
    const shown = (row.offers_shown as PresentedOffer[] | null) ?? [];
    if ((input.offerId || input.response === 'accepted') && !shown.some((o) => o.offerId === input.offerId))
      throw new DomainError(
        CancellationErrors.CANCELLATION_OFFER_UNKNOWN,
        `Offer ${input.offerId ?? '-'} was not presented`,
        { field: 'body.offerId' },
      );
    // accepting changes the subscription: the caller must be allowed to change the account
    if (input.response === 'accepted')
      await assertCaseVerified(trx, deps.clock, { caseId: row.case_id, action: 'change' });
    // a "no" to the offers as a whole is recorded against the best one shown (the one pitched
    // first), so the offer's statistics count it; the offers module takes one answer per case
    const answeredOffer = input.offerId ?? shown[0]?.offerId;
    const answered = answeredOffer
      ? await respondToOffer(trx, deps, {
          caseId: row.case_id,
          offerId: answeredOffer,
          subscriptionId: row.subscription_id,
          response: input.response,
        })
      : { outcome: 'declined' as const };
    const retained = answered.outcome === 'retained';
    await updateCancellation(trx, row.id, {
      offers_at: now,
      offers_outcome: retained ? 'retained' : 'declined',
      accepted_offer_id: retained ? (input.offerId ?? null) : null,
      status: retained ? 'retained' : row.status,
      closed_at: retained ? now : null,
      updated_at: now,
    });
    await recordStep(trx, deps, now, {
      row,
      step: retained ? 'retained' : 'offer_declined',
      status: retained ? 'retained' : row.status,
      changes: { offerId: input.offerId ?? null, response: input.response, outcome: answered.outcome },
    });
  });
}
