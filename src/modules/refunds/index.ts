// The refund desk: refund requests on verified cases, their evaluation against the policy in
// force, the decisions (at the desk within policy and limits, or in the exceptions queue) and
// the execution through billing by the worker, exactly once per request.
export {
  REFUND_EXECUTE_JOB,
  REFUND_EXECUTE_SWEEP_CRON,
  REFUND_EXECUTE_SWEEP_JOB,
} from './execute-refund';
// the booking through billing, exactly once per request.

// the facts a refund is evaluated on, for the cancellation desk's refund on cancelling
export { type FactsInput, gatherFacts, loadPaymentContext } from './gather-facts';
export { RefundErrors } from './refunds.errors';
export { QUEUE_TARGET_HOURS, type RefundRequestResponse, refundRequestResponse } from './refunds.schemas';
export { getRefundRequest } from './use-cases/get-refund-request';
export {
  type CaseRefundOutcome,
  listCaseRefundOutcomes,
  type RefundOutcome,
} from './use-cases/list-case-refund-outcomes';
export { listRepeatRequesters, type RepeatRequester } from './use-cases/list-repeat-requesters';
export { listStoredEvaluations, type StoredEvaluation } from './use-cases/list-stored-evaluations';
export { runDueRefundExecutions } from './use-cases/run-due-refund-executions';
export { runRefundExecution } from './use-cases/run-refund-execution';
export { type RefundWeek, weeklyRefundFigures } from './use-cases/weekly-refund-figures';
