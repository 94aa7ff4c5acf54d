// Retention offers [S0 step 5]: admin-defined offers, eligibility top-down with a holdout group,
// shown / accepted / declined on a case, applied through billing, and saves that are real.
// The cancellation flow calls presentOffers and respondToOffer in its own transaction.

export {
  type EligibilityFacts,
  eligibleOffers,
  inHoldout,
  type OfferDefinition,
  REASON_CODES,
  type ReasonCode,
} from './offer-rules';
export { OfferErrors } from './offers.errors';
export { SAVE_CHECK_JOB, SAVE_WINDOW_DAYS } from './save-watch';
export { checkSave, type SaveCheckOutcome } from './use-cases/check-save';
export { type OfferFacts, type PresentedOffer, presentOffers } from './use-cases/present-offers';
export { type RespondToOfferInput, respondToOffer } from './use-cases/respond-to-offer';
