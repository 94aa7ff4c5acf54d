import { defineUniqueConstraints } from '../../platform/database-errors';
import { defineErrorCodes } from '../../platform/errors';

export const OfferErrors = defineErrorCodes({
  /** No retention offer with that id. */
  OFFER_NOT_FOUND: { status: 404, title: 'No such offer' },
  /** An offer can be answered only on a case it was shown on. */
  OFFER_NOT_SHOWN: { status: 409, title: 'This offer was not shown on this case' },
  /** The customer answered already on this case (accepted one, or declined): offers have ended. */
  OFFERS_ENDED: { status: 409, title: 'The offers on this case have ended' },
  /** The offer has no redemptions left (its maximum is reached). */
  OFFER_REDEMPTIONS_EXHAUSTED: { status: 409, title: 'This offer has no redemptions left' },
  /** The offer was switched off after it was shown. */
  OFFER_INACTIVE: { status: 409, title: 'This offer is no longer active' },
  /** A reorder must list every offer exactly once. */
  OFFER_ORDER_INVALID: { status: 400, title: 'The order must list every offer once' },
  /** An offer's maximum redemptions cannot be set below the redemptions it has had. */
  OFFER_MAX_REDEMPTIONS_TOO_LOW: { status: 400, title: 'The maximum is below the redemptions so far' },
  /** The subscription is not one of the case's account. */
  OFFER_SUBSCRIPTION_MISMATCH: { status: 400, title: 'The subscription is not one of this account' },
});

defineUniqueConstraints({
  // the per-case advisory lock serialises answers on a case; only a bypass reaches this
  offer_events_one_answer: {
    code: OfferErrors.OFFERS_ENDED,
    message: 'The customer answered the offers on this case already',
    field: 'params.id',
  },
});
