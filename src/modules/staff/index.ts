export { hashPassword } from './passwords';
export { forgetSessions } from './session-cache';
export {
  findStaffByEmail,
  findStaffById,
  findStaffDisplayName,
  listActiveStaffWithRoles,
} from './staff.repository';
export { createStaffUser } from './use-cases/create-staff-user';
export { listStaffUsers } from './use-cases/list-staff-users';
export { resolveSession } from './use-cases/resolve-session';
export { unlockStaffLogin } from './use-cases/unlock-staff-login';
export { updateStaffUser } from './use-cases/update-staff-user';
