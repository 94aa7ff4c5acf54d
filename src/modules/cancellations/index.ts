// The cancellation desk: the guided cancellation of a subscription on a verified case (seed 000),
// its versioned reason taxonomy, the refund the policy gives on cancelling, and the confirmation.
export { CancellationErrors } from './cancellations.errors';
export { type CancellationResponse, cancellationResponse } from './cancellations.schemas';
export {
  type CancellationOutcome,
  type CaseCancellationOutcome,
  listCaseCancellationOutcomes,
} from './case-outcomes';
export { cancellationReference } from './rules';
export { getCancellation } from './use-cases/get-cancellation';
export { type CancellationWeek, weeklyCancellationFigures } from './use-cases/weekly-cancellation-figures';
