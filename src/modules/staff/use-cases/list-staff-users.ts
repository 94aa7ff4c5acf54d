import type { UseCaseDeps } from '../../../platform/deps';
import { loginWindowStart } from '../login-throttle';
import { listStaff, type StaffView } from '../staff.repository';

/** All staff members, active first, for the admin page and assignee pickers. */
export function listStaffUsers(deps: UseCaseDeps): Promise<StaffView[]> {
  return listStaff(deps.db, loginWindowStart(deps.clock.now()));
}
