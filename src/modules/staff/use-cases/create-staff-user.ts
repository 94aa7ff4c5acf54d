import { writeAudit } from '../../../platform/audit';
import type { UseCaseDeps } from '../../../platform/deps';
import { DomainError } from '../../../platform/errors';
import { newId } from '../../../platform/ids';
import { normalizeEmail } from '../../../platform/normalize';
import type { Role } from '../../../platform/roles';
import { loginWindowStart } from '../login-throttle';
import { hashPassword } from '../passwords';
import { StaffErrors } from '../staff.errors';
import { findStaffByEmail, findStaffOrThrow, insertStaffUser, type StaffView } from '../staff.repository';

export interface CreateStaffUserInput {
  email: string;
  displayName: string;
  role: Role;
  password: string;
  locale: 'de' | 'en';
}

/** Adds a staff member (admins only); the password is stored only as an argon2id hash. */
export async function createStaffUser(deps: UseCaseDeps, input: CreateStaffUserInput): Promise<StaffView> {
  const email = normalizeEmail(input.email);
  // argon2 takes tens of milliseconds: computed before the transaction, which then stays short
  const passwordHash = await hashPassword(input.password);
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    if (await findStaffByEmail(trx, email)) {
      throw new DomainError(StaffErrors.STAFF_EMAIL_TAKEN, `A staff user with ${email} already exists`, {
        field: 'body.email',
      });
    }
    const id = newId('usr', now);
    await insertStaffUser(trx, {
      id,
      email,
      display_name: input.displayName,
      role: input.role,
      password_hash: passwordHash,
      locale: input.locale,
      created_at: now,
      deactivated_at: null,
    });
    await writeAudit(trx, deps.actor, now, {
      action: 'staff.created',
      entityType: 'staff_user',
      entityId: id,
      changes: { email, displayName: input.displayName, role: input.role, locale: input.locale },
    });
    return findStaffOrThrow(trx, id, loginWindowStart(now));
  });
}
