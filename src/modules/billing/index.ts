// Billing: plans, products, subscriptions, orders, invoices, payments, refunds and store credit.
// Other modules reach these tables only through what is exported here.

export { accountBilling } from './account-billing';
export { BillingErrors } from './billing.errors';
export {
  billingSummaryJson,
  findPaymentOrThrow,
  findSubscriptionOrThrow,
  lockPaymentOrThrow,
  lockSubscriptionOrThrow,
  type PaymentRow,
} from './billing.repository';
export {
  type BillingSummary,
  type BillingSummaryJson,
  billingSummaryResponse,
  toBillingSummary,
} from './billing.schemas';
export type { ProductCategory, SalesChannel } from './billing.table';
export {
  END_OF_TERM_JOB,
  END_OF_TERM_SWEEP_CRON,
  END_OF_TERM_SWEEP_JOB,
  type EndOfTermOutcome,
} from './end-of-term';
export {
  bankTransferProvider,
  builtInProvider,
  type PaymentProvider,
  type ProviderRefundAnswer,
  type ProviderRefundRequest,
  registerPaymentProvider,
} from './payment-provider';
export { type BillingCycle, type BillingPeriod, nextPeriod } from './periods';
export { type MoneyBack, type PaymentRefundContext, paymentRefundContext } from './refund-context';
export { type CheckRefundFitsInput, checkRefundFits } from './refund-fit';
export { type RefundBooking, refundableRemainder } from './refunds';
export { RENEWAL_SWEEP_CRON, RENEWAL_SWEEP_JOB, type RenewalOutcome } from './renewal';
export { storeCreditBalance } from './store-credit';
// retention offers' subscription changes (pause, resume, plan change, discount, extension)
export {
  afterDiscountedRenewal,
  RESUME_JOB,
  RESUME_SWEEP_CRON,
  RESUME_SWEEP_JOB,
  type ResumeOutcome,
  renewalPrice,
} from './subscription-changes';
export { SubscriptionChangeErrors } from './subscription-changes.errors';
export {
  accountLifetimeValue,
  findActivePlanByCode,
  findPlanByCodeOrThrow,
  findSubscriptionWithPlanOrThrow,
  type SubscriptionWithPlan,
} from './subscription-changes.repository';
export {
  newestSubscriptionPaymentId,
  type SubscriptionDetail,
  subscriptionDetail,
} from './subscription-payment';
export { type ApplyDiscountInput, applyDiscount } from './use-cases/apply-discount';
export { applyDueEndsOfTerm } from './use-cases/apply-due-ends-of-term';
export { applyEndOfTerm } from './use-cases/apply-end-of-term';
export { cancelSubscriptionNow } from './use-cases/cancel-subscription-now';
export { type ChangePlanInput, changePlan } from './use-cases/change-plan';
export { type ExtendSubscriptionInput, extendSubscription } from './use-cases/extend-subscription';
export { type GrantStoreCreditInput, grantStoreCredit } from './use-cases/grant-store-credit';
export { type PauseSubscriptionInput, pauseSubscription } from './use-cases/pause-subscription';
export { type RefundPaymentInput, refundPayment } from './use-cases/refund-payment';
export { renewDueSubscriptions } from './use-cases/renew-due-subscriptions';
export { renewSubscription } from './use-cases/renew-subscription';
export { type RefundReport, reportRefundOutcome } from './use-cases/report-refund-outcome';
export { resumeDuePauses } from './use-cases/resume-due-pauses';
export { resumeSubscription } from './use-cases/resume-subscription';
export { revokeSubscriptionCancellation } from './use-cases/revoke-subscription-cancellation';
export { scheduleEndOfTerm } from './use-cases/schedule-end-of-term';
export { scheduleSubscriptionCancellation } from './use-cases/schedule-subscription-cancellation';
