import { defineErrorCodes } from '../../platform/errors';

export const PolicyErrors = defineErrorCodes({
  /** No published refund policy is in force on that day (none took effect by then). */
  POLICY_NOT_IN_FORCE: { status: 409, title: 'No refund policy is in force on that day' },
  /** No published refund policy has that version number. */
  POLICY_VERSION_NOT_FOUND: { status: 404, title: 'No such policy version' },
});
