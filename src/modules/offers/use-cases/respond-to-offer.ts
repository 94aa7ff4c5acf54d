import { writeAudit } from '../../../platform/audit';
import type { Trx, UseCaseDeps } from '../../../platform/deps';
import { DomainError } from '../../../platform/errors';
import { serializeLimit } from '../../../platform/limits';
import { applyDiscount, changePlan, extendSubscription, pauseSubscription } from '../../billing';
import type { OfferTerms } from '../offer-rules';
import { OfferErrors } from '../offers.errors';
import {
  findOfferOrThrow,
  insertOfferEvents,
  listCaseOfferEvents,
  takeRedemption,
} from '../offers.repository';
import { watchSave } from '../save-watch';

export interface RespondToOfferInput {
  caseId: string;
  offerId: string;
  subscriptionId: string;
  response: 'accepted' | 'declined';
}

/**
 * The customer's answer to an offer shown on the case. Declining ends the offers on the case.
 * Accepting takes one of the offer's redemptions (exactly one wins the last), applies the terms
 * as shown through billing, and puts the case on the save watchlist. One answer per case.
 */
export async function respondToOffer(
  trx: Trx,
  deps: UseCaseDeps,
  input: RespondToOfferInput,
): Promise<{ outcome: 'retained' | 'declined' }> {
  const now = deps.clock.now();
  await serializeLimit(trx, `offers:${input.caseId}`);
  const events = await listCaseOfferEvents(trx, input.caseId);
  if (events.some((e) => e.event === 'accepted' || e.event === 'declined'))
    throw new DomainError(OfferErrors.OFFERS_ENDED, 'The customer answered the offers on this case already', {
      field: 'params.id',
    });
  const shown = events.filter((e) => e.event === 'shown' && e.offer_id === input.offerId).at(-1);
  if (!shown)
    throw new DomainError(OfferErrors.OFFER_NOT_SHOWN, 'This offer was not shown on this case', {
      field: 'params.offerId',
    });
  if (shown.subscription_id !== input.subscriptionId)
    throw new DomainError(
      OfferErrors.OFFER_SUBSCRIPTION_MISMATCH,
      'The offer was shown for another subscription',
      {
        field: 'body.subscriptionId',
      },
    );
  const offer = await findOfferOrThrow(trx, input.offerId, 'params.offerId');
  const terms = shown.terms as unknown as OfferTerms & { resumeOn?: string };
  const event = {
    case_id: input.caseId,
    account_id: shown.account_id,
    subscription_id: input.subscriptionId,
  };
  const row = {
    ...event,
    offer_id: offer.id,
    terms: shown.terms,
    holdout: false,
    actor_id: deps.actor.id,
    at: now,
  };
  if (input.response === 'declined') {
    await insertOfferEvents(trx, [{ ...row, event: 'declined' }]);
    await audit(trx, deps, now, 'offer.declined', offer.id, { ...event, terms: shown.terms });
    return { outcome: 'declined' };
  }
  if (!offer.is_active)
    throw new DomainError(OfferErrors.OFFER_INACTIVE, 'This offer was switched off', {
      field: 'params.offerId',
    });
  if (!(await takeRedemption(trx, offer.id)))
    throw new DomainError(OfferErrors.OFFER_REDEMPTIONS_EXHAUSTED, 'This offer has no redemptions left', {
      field: 'params.offerId',
      maxRedemptions: offer.max_redemptions,
    });
  const applied = await applyTerms(trx, deps, terms, input);
  await insertOfferEvents(trx, [{ ...row, terms: { ...shown.terms, ...applied }, event: 'accepted' }]);
  await audit(trx, deps, now, 'offer.accepted', offer.id, { ...event, terms: shown.terms, applied });
  await watchSave(trx, deps, {
    caseId: input.caseId,
    accountId: shown.account_id,
    subscriptionId: input.subscriptionId,
    offerId: offer.id,
    kind: offer.kind,
    holdout: false,
    resumeOn: 'resumeOn' in applied ? String(applied.resumeOn) : undefined,
  });
  return { outcome: 'retained' };
}

/** The offer's terms, as shown, made real through billing; a custom offer changes nothing there. */
async function applyTerms(
  trx: Trx,
  deps: UseCaseDeps,
  terms: OfferTerms,
  input: RespondToOfferInput,
): Promise<Record<string, unknown>> {
  const common = { subscriptionId: input.subscriptionId, caseId: input.caseId, field: 'body.subscriptionId' };
  switch (terms.kind) {
    case 'pause':
      return pauseSubscription(trx, deps, { ...common, months: terms.months });
    case 'downgrade':
      return changePlan(trx, deps, { ...common, planCode: terms.planCode });
    case 'discount':
      return applyDiscount(trx, deps, { ...common, percent: terms.percent, cycles: terms.cycles });
    case 'extension':
      return extendSubscription(trx, deps, { ...common, days: terms.days });
    case 'custom':
      return {};
  }
}

async function audit(
  trx: Trx,
  deps: UseCaseDeps,
  now: Date,
  action: string,
  offerId: string,
  changes: { case_id: string; account_id: string; subscription_id: string } & Record<string, unknown>,
) {
  const { case_id, account_id, subscription_id, ...rest } = changes;
  await writeAudit(trx, deps.actor, now, {
    action,
    entityType: 'retention_offer',
    entityId: offerId,
    caseId: case_id,
    accountId: account_id,
    changes: { subscriptionId: subscription_id, ...rest },
  });
}
