import { defineErrorCodes } from '../../platform/errors';

export const CaseErrors = defineErrorCodes({
  /** No case with that id. */
  CASE_NOT_FOUND: { status: 404, title: 'No such case' },
  /** The assignee is unknown or deactivated. */
  CASE_ASSIGNEE_INVALID: { status: 400, title: 'The assignee is not an active staff member' },
  /** A closed case cannot change any more (open a new one). */
  CASE_CLOSED: { status: 409, title: 'The case is closed' },
});
