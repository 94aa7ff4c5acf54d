import type { ExpressionBuilder, Insertable, Updateable } from 'kysely';
import { precompiled } from '../../db/precompiled';
import type { DB } from '../../db/schema';
import type { Executor } from '../../platform/audit';
import { notFound } from '../../platform/errors';
import type { Role } from '../../platform/roles';
import { MAX_FAILED_LOGINS } from './login-throttle';
import { StaffErrors } from './staff.errors';
import type { LoginAttemptsTable, StaffSessionsTable, StaffUsersTable } from './staff.table';

/** Who a staff member is, as a session and the API show them (never the password hash). */
const identityColumns = ['u.id', 'u.email', 'u.display_name', 'u.role', 'u.locale', 'u.is_active'] as const;
const staffColumns = [...identityColumns, 'u.created_at', 'u.deactivated_at'] as const;

/** Whether some source is refused for this user's e-mail now (see login-throttle.ts). */
function loginBlocked(eb: ExpressionBuilder<DB & { u: DB['staff_users'] }, 'u'>, since: Date) {
  return eb
    .exists(
      eb
        .selectFrom('login_attempts as a')
        .select('a.source')
        .whereRef('a.email', '=', 'u.email')
        .where('a.succeeded', '=', false)
        .where('a.cleared_at', 'is', null)
        .where('a.at', '>=', since)
        .groupBy('a.source')
        .having((h) => h.fn.countAll(), '>=', MAX_FAILED_LOGINS),
    )
    .$castTo<boolean>()
    .as('login_blocked');
}

/** A staff member as the API shows them (no password hash), with whether a login source is blocked. */
function staffView(db: Executor, loginSince: Date) {
  return db
    .selectFrom('staff_users as u')
    .select(staffColumns)
    .select((eb) => loginBlocked(eb, loginSince));
}

export type StaffView = NonNullable<Awaited<ReturnType<ReturnType<typeof staffView>['executeTakeFirst']>>>;

/** Every staff member, active first, then by name. */
export function listStaff(db: Executor, loginSince: Date): Promise<StaffView[]> {
  return staffView(db, loginSince).orderBy('u.is_active', 'desc').orderBy('u.display_name').execute();
}

/** A staff member, or STAFF_USER_NOT_FOUND naming `field`. */
export async function findStaffOrThrow(
  db: Executor,
  id: string,
  loginSince: Date,
  field = 'params.id',
): Promise<StaffView> {
  const row = await staffView(db, loginSince).where('u.id', '=', id).executeTakeFirst();
  if (!row) throw notFound(StaffErrors.STAFF_USER_NOT_FOUND, 'Staff user', id, field);
  return row;
}

/** A staff member's row, locked for the rest of the transaction, or STAFF_USER_NOT_FOUND naming `field`. */
export async function lockStaffOrThrow(trx: Executor, id: string, field = 'params.id') {
  const row = await trx
    .selectFrom('staff_users')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw notFound(StaffErrors.STAFF_USER_NOT_FOUND, 'Staff user', id, field);
  return row;
}

/** The staff member with this (normalised) e-mail, password hash included, for logging in. */
/** A staff member's id, name and whether they are active, or undefined (owners of commitments, assignees). */
export function findStaffById(db: Executor, id: string) {
  return db
    .selectFrom('staff_users')
    .select(['id', 'display_name', 'role', 'is_active', 'locale'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export function findStaffByEmail(db: Executor, email: string) {
  return db.selectFrom('staff_users').selectAll().where('email', '=', email).executeTakeFirst();
}

/** The name a staff member goes by, or null for an unknown id. */
export async function findStaffDisplayName(db: Executor, id: string): Promise<string | null> {
  const row = await db
    .selectFrom('staff_users')
    .select('display_name')
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.display_name ?? null;
}

export async function insertStaffUser(trx: Executor, row: Insertable<StaffUsersTable>): Promise<void> {
  await trx.insertInto('staff_users').values(row).execute();
}

export async function updateStaffRow(
  trx: Executor,
  id: string,
  set: Updateable<StaffUsersTable>,
): Promise<void> {
  await trx.updateTable('staff_users').set(set).where('id', '=', id).execute();
}

// --- sessions ----------------------------------------------------------------------------------

export async function insertSession(trx: Executor, row: Insertable<StaffSessionsTable>): Promise<void> {
  await trx.insertInto('staff_sessions').values(row).execute();
}

/** Ends one session; how many rows went (0 when it had already ended). */
export async function deleteSession(trx: Executor, sessionId: string): Promise<number> {
  const result = await trx.deleteFrom('staff_sessions').where('id', '=', sessionId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Ends every session of a staff member (deactivated, or password reset). */
export async function endSessionsOf(trx: Executor, userId: string): Promise<void> {
  await trx.deleteFrom('staff_sessions').where('user_id', '=', userId).execute();
}

/** The session and its staff member: sent on every request, so compiled once (see precompiled). */
const sessionWithUser = precompiled(1, (db, sessionId: string) =>
  db
    .selectFrom('staff_sessions as s')
    .innerJoin('staff_users as u', 'u.id', 's.user_id')
    .select(['s.id as session_id', 's.expires_at', ...identityColumns])
    .where('s.id', '=', sessionId),
);

export async function findSessionWithUser(db: Executor, sessionId: string) {
  const [row] = await sessionWithUser(db, sessionId);
  return row;
}

// --- login attempts ----------------------------------------------------------------------------

/** Failures still counting since `since`: from this source for this e-mail, and from this source at all. */
export async function countFailedLogins(
  db: Executor,
  input: { email: string; source: string; since: Date },
): Promise<{ forEmail: number; fromSource: number }> {
  const row = await db
    .selectFrom('login_attempts')
    .select((eb) => [
      eb.fn.countAll<number>().filterWhere('email', '=', input.email).as('for_email'),
      eb.fn.countAll<number>().as('from_source'),
    ])
    .where('source', '=', input.source)
    .where('succeeded', '=', false)
    .where('cleared_at', 'is', null)
    .where('at', '>=', input.since)
    .executeTakeFirstOrThrow();
  return { forEmail: Number(row.for_email), fromSource: Number(row.from_source) };
}

/** Records a login attempt; returns its id. */
export async function insertLoginAttempt(
  trx: Executor,
  row: Insertable<LoginAttemptsTable>,
): Promise<number> {
  const { id } = await trx.insertInto('login_attempts').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(id);
}

export async function markLoginSucceeded(trx: Executor, attemptId: number): Promise<void> {
  await trx.updateTable('login_attempts').set({ succeeded: true }).where('id', '=', attemptId).execute();
}

/** Clears every counting failure of an e-mail, from every source; how many were cleared. */
export async function clearFailedLogins(trx: Executor, email: string, at: Date): Promise<number> {
  const result = await trx
    .updateTable('login_attempts')
    .set({ cleared_at: at })
    .where('email', '=', email)
    .where('succeeded', '=', false)
    .where('cleared_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The active staff of these roles (the leads a digest or an alert goes to), by name. */
export function listActiveStaffWithRoles(db: Executor, roles: readonly Role[]) {
  return db
    .selectFrom('staff_users')
    .select(['id', 'email', 'display_name', 'role', 'locale'])
    .where('is_active', '=', true)
    .where('role', 'in', [...roles])
    .orderBy('display_name')
    .orderBy('id')
    .execute();
}
