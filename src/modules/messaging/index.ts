export { createDeliveryWorker, type DeliveryWorker } from './delivery-worker';
export { STAFF_MESSAGE_KINDS, type StaffMessageKind } from './staff-message-kinds';
export type { MessageKind } from './templates/template-kinds';
export { type MailTransport, mailboxTransport, smtpTransport } from './transports';
export {
  type EnqueueCaseMessageInput,
  type EnqueuedMessage,
  enqueueCaseMessage,
} from './use-cases/enqueue-case-message';
export { type EnqueueStaffMessageInput, enqueueStaffMessage } from './use-cases/enqueue-staff-message';
export { replayCaseMessage } from './use-cases/replay-case-message';
