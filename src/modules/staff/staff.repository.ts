import { createHash } from 'node:crypto';
import { precompiled } from '../../db/precompiled';
import type { Executor } from '../../platform/audit';

export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export const staffColumns = [
  'id',
  'email',
  'display_name',
  'role',
  'locale',
  'is_active',
  'created_at',
  'deactivated_at',
] as const;

export function findStaffByEmail(db: Executor, email: string) {
  return db.selectFrom('staff_users').selectAll().where('email', '=', email).executeTakeFirst();
}

export function findStaffById(db: Executor, id: string) {
  return db.selectFrom('staff_users').select(staffColumns).where('id', '=', id).executeTakeFirst();
}

export function countRecentFailedLogins(db: Executor, email: string, since: Date) {
  return db
    .selectFrom('login_attempts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('email', '=', email)
    .where('succeeded', '=', false)
    .where('at', '>=', since)
    .executeTakeFirstOrThrow()
    .then((r) => Number(r.n));
}

/** The session and its staff member: sent on every request, so compiled once (see precompiled). */
const sessionWithUser = precompiled(1, (db, sessionId: string) =>
  db
    .selectFrom('staff_sessions as s')
    .innerJoin('staff_users as u', 'u.id', 's.user_id')
    .select([
      's.id as session_id',
      's.expires_at',
      'u.id',
      'u.email',
      'u.display_name',
      'u.role',
      'u.locale',
      'u.is_active',
    ])
    .where('s.id', '=', sessionId),
);

export async function findSessionWithUser(db: Executor, sessionId: string) {
  const [row] = await sessionWithUser(db, sessionId);
  return row;
}
