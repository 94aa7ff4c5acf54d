import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema';
import type { Clock } from '../../../platform/clock';
import type { StaffPrincipal } from '../../../platform/http/route-auth';
import { findSessionWithUser, sessionIdOf } from '../staff.repository';
import { csrfTokenFor } from './log-in';

/** The staff member behind a session cookie, or null when the session is unknown, expired or the user deactivated. */
export async function resolveSession(
  deps: { db: Kysely<DB>; clock: Clock; secret: string },
  token: string,
): Promise<StaffPrincipal | null> {
  if (token.length > 200) return null;
  const sessionId = sessionIdOf(token);
  const row = await findSessionWithUser(deps.db, sessionId);
  if (!row?.is_active || row.expires_at.getTime() <= deps.clock.now().getTime()) return null;
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    role: row.role,
    locale: row.locale,
    sessionId,
    csrfToken: csrfTokenFor(deps.secret, sessionId),
  };
}
