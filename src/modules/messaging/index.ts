export { createDeliveryWorker, type DeliveryWorker } from './delivery-worker';
export type { MessageKind } from './templates/template-kinds';
export { type MailTransport, mailboxTransport, smtpTransport } from './transports';
export { type EnqueueCaseMessageInput, enqueueCaseMessage } from './use-cases/enqueue-message';
