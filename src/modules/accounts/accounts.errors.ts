import { defineErrorCodes } from '../../platform/errors';

export const AccountErrors = defineErrorCodes({
  /** No account with that id. */
  ACCOUNT_NOT_FOUND: { status: 404, title: 'No such account' },
  /** The search text cannot be read as an account number, phone, e-mail or name. */
  SEARCH_QUERY_UNREADABLE: { status: 400, title: 'The search text cannot be read' },
  /** A new phone number or e-mail address in a contact change is not valid. */
  CONTACT_INVALID: { status: 400, title: 'The contact data is not valid' },
});
