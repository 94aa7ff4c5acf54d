import type { Updateable } from 'kysely';
import { type Actor, writeAudit } from '../../../platform/audit';
import type { UseCaseDeps } from '../../../platform/deps';
import { DomainError } from '../../../platform/errors';
import type { Role } from '../../../platform/roles';
import { loginWindowStart } from '../login-throttle';
import { hashPassword } from '../passwords';
import { forgetSessions } from '../session-cache';
import { StaffErrors } from '../staff.errors';
import {
  endSessionsOf,
  findStaffOrThrow,
  lockStaffOrThrow,
  type StaffView,
  updateStaffRow,
} from '../staff.repository';
import type { StaffUsersTable } from '../staff.table';

export interface UpdateStaffUserInput {
  id: string;
  displayName?: string;
  role?: Role;
  locale?: 'de' | 'en';
  isActive?: boolean;
  password?: string;
}

type StaffRow = Awaited<ReturnType<typeof lockStaffOrThrow>>;
type Changes = Record<string, { from: unknown; to: unknown }>;

/** Changes a staff member's name, role, language, password or active flag; deactivating ends their sessions. */
export async function updateStaffUser(deps: UseCaseDeps, input: UpdateStaffUserInput): Promise<StaffView> {
  // argon2 takes tens of milliseconds: computed before the transaction, which then stays short
  const passwordHash = input.password === undefined ? undefined : await hashPassword(input.password);
  const updated = await deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    const before = await lockStaffOrThrow(trx, input.id);
    refuseSelfDemotion(deps.actor, before, input);
    const { set, changes } = changesOf(before, input, passwordHash, now);
    if (Object.keys(changes).length > 0) {
      await updateStaffRow(trx, before.id, set);
      // a deactivated user, or one whose password was reset, must log in again
      if (set.is_active === false || passwordHash !== undefined) await endSessionsOf(trx, before.id);
      await writeAudit(trx, deps.actor, now, {
        action:
          set.is_active === false
            ? 'staff.deactivated'
            : set.is_active === true
              ? 'staff.reactivated'
              : 'staff.updated',
        entityType: 'staff_user',
        entityId: before.id,
        changes,
      });
    }
    return findStaffOrThrow(trx, before.id, loginWindowStart(now));
  });
  // sessions remembered with the old role, language or active flag are asked for again
  forgetSessions(deps.db);
  return updated;
}

/** An admin cannot deactivate or demote themselves: the desk could be left without an admin. */
function refuseSelfDemotion(actor: Actor, before: StaffRow, input: UpdateStaffUserInput): void {
  if (before.id !== actor.id) return;
  if (input.isActive === false || (input.role && input.role !== before.role)) {
    throw new DomainError(
      StaffErrors.STAFF_SELF_CHANGE_REFUSED,
      'Ask another admin to change your own role or deactivate you',
      { field: input.isActive === false ? 'body.isActive' : 'body.role' },
    );
  }
}

/** What the input changes against the stored row, as the update's columns and the audit's before/after. */
function changesOf(
  before: StaffRow,
  input: UpdateStaffUserInput,
  passwordHash: string | undefined,
  now: Date,
): { set: Updateable<StaffUsersTable>; changes: Changes } {
  const set: Updateable<StaffUsersTable> = {};
  const changes: Changes = {};
  if (input.displayName !== undefined && input.displayName !== before.display_name) {
    set.display_name = input.displayName;
    changes.displayName = { from: before.display_name, to: input.displayName };
  }
  if (input.role !== undefined && input.role !== before.role) {
    set.role = input.role;
    changes.role = { from: before.role, to: input.role };
  }
  if (input.locale !== undefined && input.locale !== before.locale) {
    set.locale = input.locale;
    changes.locale = { from: before.locale, to: input.locale };
  }
  if (input.isActive !== undefined && input.isActive !== before.is_active) {
    set.is_active = input.isActive;
    set.deactivated_at = input.isActive ? null : now;
    changes.isActive = { from: before.is_active, to: input.isActive };
  }
  if (passwordHash !== undefined) {
    set.password_hash = passwordHash;
    changes.password = { from: '***', to: '***' };
  }
  return { set, changes };
}
