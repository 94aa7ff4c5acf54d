import { writeAudit } from '../../../platform/audit';
import type { Trx, UseCaseDeps } from '../../../platform/deps';
import { DomainError } from '../../../platform/errors';
import { newToken } from '../../../platform/ids';
import { serializeLimit } from '../../../platform/limits';
import { normalizeEmail } from '../../../platform/normalize';
import type { Role } from '../../../platform/roles';
import {
  LOGIN_WINDOW_MS,
  loginSourceOf,
  loginWindowStart,
  MAX_FAILED_LOGINS,
  MAX_FAILED_LOGINS_PER_SOURCE,
} from '../login-throttle';
import { dummyHash, verifyPassword } from '../passwords';
import { csrfTokenFor, SESSION_TTL_MS, sessionIdOf } from '../session-tokens';
import { StaffErrors } from '../staff.errors';
import {
  countFailedLogins,
  findStaffByEmail,
  insertLoginAttempt,
  insertSession,
  markLoginSucceeded,
} from '../staff.repository';

export interface LogInInput {
  email: string;
  password: string;
  ip: string | null;
  userAgent: string | null;
}

export interface LoggedIn {
  token: string;
  expiresAt: Date;
  user: { id: string; email: string; displayName: string; role: Role; locale: 'de' | 'en' };
  csrfToken: string;
}

/**
 * Checks e-mail and password and opens a session; returns the cookie token. Throttled per e-mail
 * and source (five failures from one address lock that address out of that e-mail, not the user
 * elsewhere) and per source across e-mails (see login-throttle.ts).
 */
export async function logIn(deps: UseCaseDeps, input: LogInInput): Promise<LoggedIn> {
  const now = deps.clock.now();
  const email = normalizeEmail(input.email);
  const source = loginSourceOf(input.ip);
  // The attempt takes its slot before the password is checked: under the source's lock it counts
  // the failures and records itself as one, so twenty parallel guesses find the slots taken and
  // the lock is not held while argon2 works. A right password turns its slot into a success.
  const attemptId = await deps.db.transaction().execute(async (trx) => {
    await serializeLimit(trx, `login:${source}`);
    await refuseWhenThrottled(trx, { email, source, now });
    return insertLoginAttempt(trx, { email, ip: input.ip, source, succeeded: false, at: now });
  });
  const user = await findStaffByEmail(deps.db, email);
  const ok = await verifyPassword(user?.password_hash ?? (await dummyHash()), input.password);
  if (!user || !ok || !user.is_active) {
    await writeAudit(deps.db, { ...deps.actor, id: user?.id ?? null }, now, {
      action: 'staff.login_failed',
      entityType: 'staff_user',
      entityId: user?.id ?? email,
      changes: { reason: !user ? 'unknown_email' : !ok ? 'wrong_password' : 'inactive' },
    });
    throw new DomainError(StaffErrors.LOGIN_FAILED, 'E-mail or password is wrong', {
      field: 'body.password',
    });
  }
  const token = newToken();
  const sessionId = sessionIdOf(token);
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  await deps.db.transaction().execute(async (trx) => {
    await markLoginSucceeded(trx, attemptId);
    await insertSession(trx, {
      id: sessionId,
      user_id: user.id,
      created_at: now,
      expires_at: expiresAt,
      last_seen_at: now,
      ip: input.ip,
      user_agent: input.userAgent?.slice(0, 500) ?? null,
    });
    await writeAudit(trx, { ...deps.actor, id: user.id, role: user.role }, now, {
      action: 'staff.logged_in',
      entityType: 'staff_user',
      entityId: user.id,
    });
  });
  return {
    token,
    expiresAt,
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

async function refuseWhenThrottled(trx: Trx, at: { email: string; source: string; now: Date }) {
  const failures = await countFailedLogins(trx, { ...at, since: loginWindowStart(at.now) });
  const minutes = LOGIN_WINDOW_MS / 60_000;
  if (failures.forEmail >= MAX_FAILED_LOGINS || failures.fromSource >= MAX_FAILED_LOGINS_PER_SOURCE) {
    throw new DomainError(
      StaffErrors.LOGIN_THROTTLED,
      failures.forEmail >= MAX_FAILED_LOGINS
        ? `Too many failed logins for this e-mail from your address; try again in ${minutes} minutes or ask an admin to unlock it`
        : `Too many failed logins from your address; try again in ${minutes} minutes`,
      { field: 'body.email', retryAfterSeconds: LOGIN_WINDOW_MS / 1000 },
    );
  }
}
