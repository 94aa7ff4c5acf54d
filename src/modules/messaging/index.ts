export { createDeliveryWorker, type DeliveryWorker } from './delivery-worker';
export type { MessageKind } from './templates/template-kinds';
export { type MailTransport, mailboxTransport, smtpTransport } from './transports';
export {
  type EnqueueCaseMessageInput,
  type EnqueuedMessage,
  enqueueCaseMessage,
} from './use-cases/enqueue-case-message';
export { replayCaseMessage } from './use-cases/replay-case-message';
