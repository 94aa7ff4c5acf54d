import { defineErrorCodes } from '../../platform/errors';

export const MessagingErrors = defineErrorCodes({
  /** No outbox message with that id. */
  MESSAGE_NOT_FOUND: { status: 404, title: 'No such message' },
  /** Only a failed (or cancelled) message can be sent again by hand. */
  MESSAGE_NOT_RETRYABLE: { status: 409, title: 'This message cannot be retried' },
  /** The account has no e-mail address to write to. */
  MESSAGE_NO_RECIPIENT: { status: 409, title: 'The customer has no e-mail address' },
  /** The same Idempotency-Key was sent before with a different request. */
  IDEMPOTENCY_KEY_REUSED: { status: 409, title: 'This Idempotency-Key was used for another request' },
  /** A template does not parse or names a variable its kind does not have. */
  TEMPLATE_INVALID: { status: 400, title: 'The template cannot be rendered' },
  /** No such message kind or language. */
  TEMPLATE_NOT_FOUND: { status: 404, title: 'No such template' },
});
