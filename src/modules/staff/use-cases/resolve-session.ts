import type { UseCaseDeps } from '../../../platform/deps';
import type { StaffPrincipal } from '../../../platform/http/route-auth';
import { csrfTokenFor, sessionIdOf } from '../session-tokens';
import { findSessionWithUser } from '../staff.repository';

export interface ResolveSessionInput {
  /** The session cookie's value. */
  token: string;
}

/** The staff member behind a session cookie, or null when the session is unknown, expired or the user deactivated. */
export async function resolveSession(
  deps: UseCaseDeps,
  input: ResolveSessionInput,
): Promise<StaffPrincipal | null> {
  if (input.token.length > 200) return null;
  const sessionId = sessionIdOf(input.token);
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
