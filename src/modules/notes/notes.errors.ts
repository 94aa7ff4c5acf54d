import { defineErrorCodes } from '../../platform/errors';

export const NoteErrors = defineErrorCodes({
  /** No note with that id. */
  NOTE_NOT_FOUND: { status: 404, title: 'No such note' },
  /** The note's case belongs to another account. */
  NOTE_CASE_INVALID: { status: 400, title: 'The case does not belong to this account' },
  /** A commitment's owner is unknown or deactivated. */
  COMMITMENT_OWNER_INVALID: { status: 400, title: 'The owner is not an active staff member' },
  /** A commitment cannot be due in the past. */
  COMMITMENT_DUE_IN_PAST: { status: 400, title: 'The due date is in the past' },
  /** No commitment with that id. */
  COMMITMENT_NOT_FOUND: { status: 404, title: 'No such commitment' },
  /** Only the owner, a lead or an admin marks a commitment done. */
  COMMITMENT_NOT_YOURS: { status: 403, title: 'This commitment belongs to someone else' },
  /** The commitment was already marked done. */
  COMMITMENT_ALREADY_DONE: { status: 409, title: 'The commitment is already done' },
  /** Only a commitment marked done can be reopened (the undo of "mark done"). */
  COMMITMENT_NOT_DONE: { status: 409, title: 'The commitment is still open' },
});
