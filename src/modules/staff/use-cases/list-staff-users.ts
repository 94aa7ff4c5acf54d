import type { UseCaseDeps } from '../../../platform/deps';
import { staffColumns } from '../staff.repository';

/** All staff members, active first, for the admin page and assignee pickers. */
export function listStaffUsers(deps: Pick<UseCaseDeps, 'db'>) {
  return deps.db
    .selectFrom('staff_users')
    .select(staffColumns)
    .orderBy('is_active', 'desc')
    .orderBy('display_name')
    .execute();
}
