import { writeAudit } from '../../../platform/audit';
import type { UseCaseDeps } from '../../../platform/deps';
import { DomainError } from '../../../platform/errors';
import { looksLikeEmail, normalizeEmail, normalizePhone } from '../../../platform/normalize';
import { assertCaseVerified } from '../../verification';
import { AccountErrors } from '../accounts.errors';
import { type ContactColumns, lockAccountOrThrow, updateAccountContact } from '../accounts.repository';

export interface UpdateContactInput {
  accountId: string;
  caseId: string;
  email?: string | null;
  phone?: string | null;
  street?: string;
  postalCode?: string;
  city?: string;
  language?: 'de' | 'en';
}

/** Changes the customer's contact data on a verified case; each field's before and after is audited. */
export async function updateContact(deps: UseCaseDeps, input: UpdateContactInput) {
  const set = contactColumnsOf(input);
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    // 1. load
    const before = await lockAccountOrThrow(trx, input.accountId);
    // 2. guard
    try {
      await assertCaseVerified(trx, deps.clock, {
        caseId: input.caseId,
        accountId: input.accountId,
        action: 'change',
      });
    } catch (error) {
      // the guard names the case as `caseId`; on this route it arrives in the body
      if (error instanceof DomainError && error.details.field === 'caseId')
        throw new DomainError(error.code, error.message, { ...error.details, field: 'body.caseId' });
      throw error;
    }
    const changes = changesOf(before, set);
    if (Object.keys(changes).length === 0) return;
    // 3. change, 4. audit
    await updateAccountContact(trx, input.accountId, set, now);
    await writeAudit(trx, deps.actor, now, {
      action: 'account.contact_changed',
      entityType: 'account',
      entityId: input.accountId,
      accountId: input.accountId,
      caseId: input.caseId,
      changes,
    });
  });
}

/** The columns a contact change sets, each new phone and e-mail checked and normalised for the lookup. */
function contactColumnsOf(input: UpdateContactInput): ContactColumns {
  const set: ContactColumns = {};
  if (input.email !== undefined) {
    if (input.email !== null && !looksLikeEmail(input.email))
      throw new DomainError(AccountErrors.CONTACT_INVALID, `${input.email} is not an e-mail address`, {
        field: 'body.email',
      });
    set.email = input.email?.trim() ?? null;
    set.email_normalized = input.email ? normalizeEmail(input.email) : null;
  }
  if (input.phone !== undefined) {
    const e164 = input.phone === null ? null : normalizePhone(input.phone);
    if (input.phone !== null && !e164)
      throw new DomainError(AccountErrors.CONTACT_INVALID, `${input.phone} is not a phone number`, {
        field: 'body.phone',
      });
    set.phone = input.phone?.trim() ?? null;
    set.phone_e164 = e164;
  }
  if (input.street !== undefined) set.street = input.street;
  if (input.postalCode !== undefined) set.postal_code = input.postalCode;
  if (input.city !== undefined) set.city = input.city;
  if (input.language !== undefined) set.language = input.language;
  return set;
}

/** What a person reads in the audit: each changed field's before and after (not the lookup forms). */
function changesOf(before: Record<string, unknown>, set: ContactColumns) {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const [column, to] of Object.entries(set)) {
    const from = before[column];
    if (from !== to && !column.endsWith('_normalized') && !column.endsWith('_e164'))
      changes[column === 'postal_code' ? 'postalCode' : column] = { from, to };
  }
  return changes;
}
