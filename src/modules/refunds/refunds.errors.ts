import { defineUniqueConstraints } from '../../platform/database-errors';
import { defineErrorCodes } from '../../platform/errors';
import { BillingErrors } from '../billing';

export const RefundErrors = defineErrorCodes({
  /** No refund request with that id. */
  REFUND_REQUEST_NOT_FOUND: { status: 404, title: 'No such refund request' },
  /** The payment named in a refund request belongs to another account than the case's. */
  REFUND_PAYMENT_NOT_ON_ACCOUNT: { status: 400, title: 'The payment is not one of this account' },
  /** The order named does not match the payment's order. */
  REFUND_ORDER_MISMATCH: { status: 400, title: 'The order is not the one this payment paid for' },
  /** The reason code is not in the taxonomy of the refund policy in force. */
  REFUND_REASON_UNKNOWN: { status: 400, title: 'Unknown refund reason' },
  /** The requested currency is not the payment's, or the payment's is not the policy's. */
  REFUND_CURRENCY_MISMATCH: { status: 400, title: 'The currency does not match the payment' },
  /** The requested amount is larger than what is left of the payment (paid minus refunded). */
  REFUND_AMOUNT_ABOVE_REMAINDER: { status: 409, title: 'The amount is larger than the refundable remainder' },
  /** Billing cannot say what the payment paid for (product category or subscription), so it cannot be evaluated. */
  REFUND_FACTS_INCOMPLETE: { status: 409, title: 'This payment cannot be evaluated' },
  /** Nobody decides a refund request they created. */
  REFUND_SELF_DECISION: { status: 403, title: 'You cannot decide a request you created' },
  /** The amount is above the acting role's approval limit for this kind of refund. */
  REFUND_OVER_APPROVAL_LIMIT: { status: 403, title: 'The amount is above your approval limit' },
  /** A request in the exceptions queue is decided by a lead or an admin. */
  REFUND_APPROVER_ROLE_REQUIRED: { status: 403, title: 'A lead or admin decides this request' },
  /** The evaluation does not let this decision be taken at the desk: escalate it to the queue. */
  REFUND_ESCALATION_REQUIRED: { status: 409, title: 'This request needs approval: escalate it' },
  /** The request was decided already (approved, denied, executed). */
  REFUND_ALREADY_DECIDED: { status: 409, title: 'The request has been decided already' },
  /** The action does not fit the request's status (e.g. escalating a request already in the queue). */
  REFUND_STATUS_CONFLICT: { status: 409, title: 'The request is not in a status for this action' },
  /** The decided amount is above the evaluation's maximum refundable (or not below the full amount for a partial approval). */
  REFUND_DECISION_AMOUNT_INVALID: { status: 400, title: 'The decided amount is not valid' },
  /** A denial must offer at least one alternative (store credit, exchange, discount). */
  REFUND_ALTERNATIVE_REQUIRED: { status: 400, title: 'A denial needs an alternative' },
  /** No refund execution with that id (a job for an execution that does not exist). */
  REFUND_EXECUTION_NOT_FOUND: { status: 404, title: 'No such refund execution' },
  /** A bank transfer names the account holder and the IBAN it goes to. */
  REFUND_PAYOUT_REQUIRED: { status: 400, title: 'A bank transfer needs the account holder and IBAN' },
  /** The approval would take the customer's goodwill of the rolling 12 months over the policy's count or amount. */
  REFUND_GOODWILL_LIMIT_REACHED: { status: 409, title: "The customer's goodwill limit is reached" },
  /** An evidence upload without any bytes. */
  REFUND_EVIDENCE_EMPTY: { status: 400, title: 'The evidence file is empty' },
  /** The file's bytes are not an image (PNG, JPEG, WebP, GIF) or a PDF, whatever its name says. */
  REFUND_EVIDENCE_TYPE_UNSUPPORTED: { status: 415, title: 'Evidence must be an image or a PDF' },
  /** The file is larger than the evidence limit (KULANZ_EVIDENCE_MAX_BYTES). */
  REFUND_EVIDENCE_TOO_LARGE: { status: 413, title: 'The evidence file is too large' },
  /** The request has as many evidence files as it takes (KULANZ_EVIDENCE_MAX_FILES). */
  REFUND_EVIDENCE_LIMIT_REACHED: { status: 409, title: 'The request has the most evidence files it takes' },
  /** No evidence with that id on this request. */
  REFUND_EVIDENCE_NOT_FOUND: { status: 404, title: 'No such evidence' },
});

defineUniqueConstraints({
  // the advisory lock on the key serialises intakes with one key; only a bypass reaches this
  refund_requests_idempotency_key: {
    code: BillingErrors.IDEMPOTENCY_KEY_REUSED,
    message: 'This Idempotency-Key was already used for a refund request',
    field: 'headers.idempotency-key',
  },
  // serialised by the advisory lock on the actor's key; only a bypass reaches these
  refund_decision_keys_pkey: {
    code: BillingErrors.IDEMPOTENCY_KEY_REUSED,
    message: 'This Idempotency-Key was already used for a decision',
    field: 'headers.idempotency-key',
  },
  refund_executions_one_pending: {
    code: RefundErrors.REFUND_ALREADY_DECIDED,
    message: 'The money of this request is being paid out already',
    field: 'params.id',
  },
});
