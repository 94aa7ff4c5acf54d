import { defineUniqueConstraints } from '../../platform/database-errors';
import { defineErrorCodes } from '../../platform/errors';

export const StaffErrors = defineErrorCodes({
  /** E-mail or password wrong, or the user is deactivated (deliberately not told apart). */
  LOGIN_FAILED: { status: 401, title: 'E-mail or password is wrong' },
  /** Too many failed logins in the last 15 minutes for this e-mail from this source, or from this source at all. */
  LOGIN_THROTTLED: { status: 429, title: 'Too many failed logins; wait and try again' },
  /** A staff user id that does not exist. */
  STAFF_USER_NOT_FOUND: { status: 404, title: 'No such staff user' },
  /** Another staff user already has this e-mail. */
  STAFF_EMAIL_TAKEN: { status: 409, title: 'E-mail already in use' },
  /** An admin tried to deactivate or demote themselves (the desk would lose its last admin). */
  STAFF_SELF_CHANGE_REFUSED: { status: 409, title: 'You cannot deactivate or demote yourself' },
});

defineUniqueConstraints({
  // two admins creating one e-mail at once: the loser hears what the check before the insert says
  staff_users_email_key: {
    code: StaffErrors.STAFF_EMAIL_TAKEN,
    message: 'A staff user with this e-mail already exists',
    field: 'body.email',
  },
});
