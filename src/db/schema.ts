import type {
  AccountRepresentativesTable,
  AccountsTable,
  NameTokensTable,
} from '../modules/accounts/accounts.table';
import type { AuditEventsTable } from '../modules/audit/audit.table';
import type {
  InvoicesTable,
  OrdersTable,
  PaymentRefundsTable,
  PaymentsTable,
  PlansTable,
  ProductsTable,
  StoreCreditEntriesTable,
  SubscriptionsTable,
} from '../modules/billing/billing.table';
import type {
  CancellationReasonVersionsTable,
  CancellationRequestEventsTable,
  CancellationRequestsTable,
} from '../modules/cancellations/cancellations.table';
import type { CasesTable } from '../modules/cases/cases.table';
import type { InsightEventsTable } from '../modules/insights/insights.table';
import type {
  MessageTemplatesTable,
  OutboxClearPartsTable,
  OutboxMessagesTable,
} from '../modules/messaging/messaging.table';
import type { CommitmentsTable, NotesTable } from '../modules/notes/notes.table';
import type {
  OfferEventsTable,
  OfferSaveWatchesTable,
  OfferSettingsTable,
  RetentionOffersTable,
} from '../modules/offers/offers.table';
import type { PolicyDraftsTable, PolicyVersionsTable } from '../modules/policy/policy.table';
import type {
  RefundDecisionKeysTable,
  RefundExecutionsTable,
  RefundRequestEventsTable,
  RefundRequestEvidenceTable,
  RefundRequestsTable,
} from '../modules/refunds/refunds.table';
import type { SettingsTable } from '../modules/settings/settings.table';
import type { LoginAttemptsTable, StaffSessionsTable, StaffUsersTable } from '../modules/staff/staff.table';
import type { SurveysTable } from '../modules/surveys/surveys.table';
import type { VerificationEmailCodesTable } from '../modules/verification/email-code.table';
import type {
  CaseVerificationsTable,
  VerificationAttemptsTable,
  VerificationLockoutsTable,
  VerificationSecretsTable,
} from '../modules/verification/verification.table';

/** Every table, as Kysely sees it. Each feature owns its table types. */
export interface DB {
  staff_users: StaffUsersTable;
  staff_sessions: StaffSessionsTable;
  login_attempts: LoginAttemptsTable;
  settings: SettingsTable;
  plans: PlansTable;
  products: ProductsTable;
  accounts: AccountsTable;
  account_representatives: AccountRepresentativesTable;
  name_tokens: NameTokensTable;
  verification_secrets: VerificationSecretsTable;
  subscriptions: SubscriptionsTable;
  orders: OrdersTable;
  invoices: InvoicesTable;
  payments: PaymentsTable;
  store_credit_entries: StoreCreditEntriesTable;
  payment_refunds: PaymentRefundsTable;
  cases: CasesTable;
  verification_attempts: VerificationAttemptsTable;
  notes: NotesTable;
  commitments: CommitmentsTable;
  audit_events: AuditEventsTable;
  outbox_messages: OutboxMessagesTable;
  outbox_clear_parts: OutboxClearPartsTable;
  message_templates: MessageTemplatesTable;
  surveys: SurveysTable;
  insight_events: InsightEventsTable;
  verification_email_codes: VerificationEmailCodesTable;
  verification_lockouts: VerificationLockoutsTable;
  case_verifications: CaseVerificationsTable;
  refund_requests: RefundRequestsTable;
  refund_request_events: RefundRequestEventsTable;
  refund_executions: RefundExecutionsTable;
  refund_decision_keys: RefundDecisionKeysTable;
  refund_request_evidence: RefundRequestEvidenceTable;
  policy_versions: PolicyVersionsTable;
  policy_drafts: PolicyDraftsTable;
  retention_offers: RetentionOffersTable;
  offer_events: OfferEventsTable;
  offer_save_watches: OfferSaveWatchesTable;
  offer_settings: OfferSettingsTable;
  cancellation_reason_versions: CancellationReasonVersionsTable;
  cancellation_requests: CancellationRequestsTable;
  cancellation_request_events: CancellationRequestEventsTable;
}
