import { writeAudit } from '../../../platform/audit';
import type { UseCaseDeps } from '../../../platform/deps';
import { DomainError } from '../../../platform/errors';
import type { Role } from '../../../platform/roles';
import { hashPassword } from '../passwords';
import { StaffErrors } from '../staff.errors';
import { findStaffById } from '../staff.repository';

export interface UpdateStaffUserInput {
  id: string;
  displayName?: string;
  role?: Role;
  locale?: 'de' | 'en';
  isActive?: boolean;
  password?: string;
}

/** Changes a staff member's name, role, language, password or active flag; deactivating ends their sessions. */
export async function updateStaffUser(deps: UseCaseDeps, input: UpdateStaffUserInput) {
  const now = deps.clock.now();
  const before = await findStaffById(deps.db, input.id);
  if (!before)
    throw new DomainError(StaffErrors.STAFF_USER_NOT_FOUND, `Staff user ${input.id} does not exist`, {
      field: 'params.id',
    });
  const isSelf = before.id === deps.actor.id;
  if (isSelf && (input.isActive === false || (input.role && input.role !== before.role))) {
    throw new DomainError(
      StaffErrors.STAFF_SELF_CHANGE_REFUSED,
      'Ask another admin to change your own role or deactivate you',
      {
        field: input.isActive === false ? 'body.isActive' : 'body.role',
      },
    );
  }
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  const set: Record<string, unknown> = {};
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
  if (input.password !== undefined) {
    set.password_hash = await hashPassword(input.password);
    changes.password = { from: '***', to: '***' };
  }
  if (Object.keys(set).length > 0) {
    await deps.db.transaction().execute(async (trx) => {
      await trx.updateTable('staff_users').set(set).where('id', '=', input.id).execute();
      // a deactivated user, or one whose password was reset, must log in again
      if (input.isActive === false || input.password !== undefined) {
        await trx.deleteFrom('staff_sessions').where('user_id', '=', input.id).execute();
      }
      const action =
        input.isActive === false
          ? 'staff.deactivated'
          : input.isActive === true
            ? 'staff.reactivated'
            : 'staff.updated';
      await writeAudit(trx, deps.actor, now, {
        action,
        entityType: 'staff_user',
        entityId: input.id,
        changes,
      });
    });
  }
  return (await findStaffById(deps.db, input.id))!;
}
