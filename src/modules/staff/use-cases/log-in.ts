import { writeAudit } from '../../../platform/audit';
import { HOUR, MINUTE } from '../../../platform/clock';
import type { UseCaseDeps } from '../../../platform/deps';
import { DomainError } from '../../../platform/errors';
import { newToken } from '../../../platform/ids';
import { keyedHash } from '../../../platform/keyed-hash';
import { normalizeEmail } from '../../../platform/normalize';
import { dummyHash, verifyPassword } from '../passwords';
import { StaffErrors } from '../staff.errors';
import { countRecentFailedLogins, findStaffByEmail, sessionIdOf } from '../staff.repository';

export const SESSION_TTL_MS = 12 * HOUR; // one long shift
export const LOGIN_WINDOW_MS = 15 * MINUTE;
export const MAX_FAILED_LOGINS = 5;

export interface LogInInput {
  email: string;
  password: string;
  ip: string | null;
  userAgent: string | null;
}

export function csrfTokenFor(secret: string, sessionId: string): string {
  return keyedHash(secret, 'csrf', sessionId);
}

/** Checks e-mail and password (throttled per e-mail) and opens a session; returns the cookie token. */
export async function logIn(deps: UseCaseDeps, input: LogInInput) {
  const now = deps.clock.now();
  const email = normalizeEmail(input.email);
  const failures = await countRecentFailedLogins(deps.db, email, new Date(now.getTime() - LOGIN_WINDOW_MS));
  if (failures >= MAX_FAILED_LOGINS) {
    throw new DomainError(
      StaffErrors.LOGIN_THROTTLED,
      'Too many failed logins for this e-mail; try again in 15 minutes',
      {
        field: 'body.email',
        retryAfterSeconds: LOGIN_WINDOW_MS / 1000,
      },
    );
  }
  const user = await findStaffByEmail(deps.db, email);
  const ok = await verifyPassword(user?.password_hash ?? (await dummyHash()), input.password);
  if (!user || !ok || !user.is_active) {
    await deps.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('login_attempts')
        .values({ email, ip: input.ip, succeeded: false, at: now })
        .execute();
      await writeAudit(trx, { ...deps.actor, id: user?.id ?? null }, now, {
        action: 'staff.login_failed',
        entityType: 'staff_user',
        entityId: user?.id ?? email,
        changes: { reason: !user ? 'unknown_email' : !ok ? 'wrong_password' : 'inactive' },
      });
    });
    throw new DomainError(StaffErrors.LOGIN_FAILED, 'E-mail or password is wrong', {
      field: 'body.password',
    });
  }
  const token = newToken();
  const sessionId = sessionIdOf(token);
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('login_attempts')
      .values({ email, ip: input.ip, succeeded: true, at: now })
      .execute();
    await trx
      .insertInto('staff_sessions')
      .values({
        id: sessionId,
        user_id: user.id,
        created_at: now,
        expires_at: new Date(now.getTime() + SESSION_TTL_MS),
        last_seen_at: now,
        ip: input.ip,
        user_agent: input.userAgent?.slice(0, 500) ?? null,
      })
      .execute();
    await writeAudit(trx, { ...deps.actor, id: user.id, role: user.role }, now, {
      action: 'staff.logged_in',
      entityType: 'staff_user',
      entityId: user.id,
    });
  });
  return {
    token,
    expiresAt: new Date(now.getTime() + SESSION_TTL_MS),
    user: {
      id: user.id,
      email: user.email,
      displayName: user.display_name,
      role: user.role,
      locale: user.locale,
    },
    csrfToken: csrfTokenFor(deps.secret, sessionId),
  };
}
