import { defineUniqueConstraints } from '../../platform/database-errors';
import { defineErrorCodes } from '../../platform/errors';
import { BillingErrors } from '../billing';

export const CancellationErrors = defineErrorCodes({
  /** No cancellation request with that id. */
  CANCELLATION_NOT_FOUND: { status: 404, title: 'No such cancellation' },
  /** The reason code is not a selectable reason of the taxonomy (unknown, a group, or retired). */
  CANCELLATION_REASON_UNKNOWN: { status: 400, title: 'Unknown cancellation reason' },
  /** The reason "switching to a competitor" needs the competitor's name. */
  CANCELLATION_COMPETITOR_REQUIRED: { status: 400, title: 'Which competitor is the customer switching to?' },
  /** The subscription named is not one of the case's account. */
  CANCELLATION_SUBSCRIPTION_NOT_ON_ACCOUNT: {
    status: 400,
    title: 'The subscription is not one of this account',
  },
  /** The subscription has a cancellation in progress or scheduled already. */
  CANCELLATION_ALREADY_OPEN: { status: 409, title: 'This subscription has an open cancellation already' },
  /** A step was asked for before the steps it follows (reason → review → explain → offers → process → confirm). */
  CANCELLATION_STEP_OUT_OF_ORDER: { status: 409, title: 'This step comes later in the cancellation' },
  /** The customer has open invoices and the agent did not confirm having told them. */
  CANCELLATION_BALANCE_NOT_DISCUSSED: {
    status: 409,
    title: 'Tell the customer about the open invoices first',
  },
  /** The cancellation is closed (retained, withdrawn, revoked) or already processed. */
  CANCELLATION_CLOSED: { status: 409, title: 'This cancellation is closed' },
  /** It was processed already with another effective date option. */
  CANCELLATION_ALREADY_PROCESSED: { status: 409, title: 'This cancellation has been processed already' },
  /** The refund confirmed by the agent is not what the preview computes now. */
  CANCELLATION_REFUND_MISMATCH: { status: 409, title: 'The refund is not the one of the preview' },
  /** Only a cancellation at period end that has not taken effect can be revoked. */
  CANCELLATION_NOT_REVOCABLE: { status: 409, title: 'This cancellation can no longer be revoked' },
  /** The refund on cancelling is above the acting role's approval limit for in-policy refunds. */
  CANCELLATION_REFUND_OVER_APPROVAL_LIMIT: { status: 403, title: 'The refund is above your approval limit' },
  /** A reason's parent must be a group of the taxonomy (a reason that is not selectable itself). */
  CANCELLATION_REASON_PARENT_INVALID: { status: 400, title: 'The parent is not a group of the taxonomy' },
  /** The offer named was not one of those presented on this cancellation. */
  CANCELLATION_OFFER_UNKNOWN: { status: 400, title: 'This offer was not presented' },
});

defineUniqueConstraints({
  cancellation_requests_one_open: {
    code: CancellationErrors.CANCELLATION_ALREADY_OPEN,
    message: 'This subscription has an open cancellation already',
    field: 'body.subscriptionId',
  },
  cancellation_requests_idempotency_key: {
    code: BillingErrors.IDEMPOTENCY_KEY_REUSED,
    message: 'This Idempotency-Key was already used for a cancellation',
    field: 'headers.idempotency-key',
  },
});
