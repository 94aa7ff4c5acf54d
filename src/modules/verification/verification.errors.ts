import { defineErrorCodes } from '../../platform/errors';

export const VerificationErrors = defineErrorCodes({
  /** A change to an account was attempted on a case whose caller is not verified. */
  VERIFICATION_REQUIRED: { status: 409, title: 'Verify the caller first' },
  /** The case's verification is older than the configured lifetime. */
  VERIFICATION_EXPIRED: { status: 409, title: 'The verification has expired; verify the caller again' },
  /** A verified representative lacks the scope for this action (may cancel / may request refunds). */
  REPRESENTATIVE_SCOPE_MISSING: { status: 403, title: 'The representative is not authorised for this' },
  /** Three failed attempts locked the account for verification; it unlocks after 15 minutes. */
  VERIFICATION_LOCKED: { status: 423, title: 'Verification is locked for this account' },
  /** The case belongs to a different account than the change. */
  VERIFICATION_CASE_MISMATCH: { status: 409, title: 'The case belongs to another account' },
});

export const VerificationInputErrors = defineErrorCodes({
  /** An answer for a factor that is not enabled, or fewer answers than the rules require. */
  VERIFICATION_ANSWERS_INVALID: { status: 400, title: 'The answers do not fit the verification rules' },
  /** The representative is unknown, revoked, or belongs to another account. */
  REPRESENTATIVE_NOT_FOUND: { status: 404, title: 'No such representative on this account' },
  /** The lock can only be lifted while the account is locked. */
  VERIFICATION_NOT_LOCKED: { status: 409, title: 'The account is not locked' },
});
