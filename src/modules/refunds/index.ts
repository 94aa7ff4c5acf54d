// The refund desk: refund requests on verified cases, their evaluation against the policy in
// force, the decisions (at the desk within policy and limits, or in the exceptions queue) and
// the booking through billing, exactly once per request.

// the facts a refund is evaluated on, for the cancellation desk's refund on cancelling
export { type FactsInput, gatherFacts, loadPaymentContext } from './gather-facts';
export { RefundErrors } from './refunds.errors';
export { type RefundRequestResponse, refundRequestResponse } from './refunds.schemas';
export { getRefundRequest } from './use-cases/get-refund-request';
