import type { UseCaseDeps } from '../../../platform/deps';
import type { StaffPrincipal } from '../../../platform/http/route-auth';
import { sessionCacheOf } from '../session-cache';
import { csrfTokenFor, sessionIdOf } from '../session-tokens';
import { findSessionWithUser } from '../staff.repository';

export interface ResolveSessionInput {
  /** The session cookie's value. */
  token: string;
}

/**
 * The staff member behind a session cookie, or null when the session is unknown, expired or the
 * user deactivated. Sent before every API request, so a session seen in the last
 * `config.sessionCacheMs` is answered from memory (see SessionCache for why that stays correct).
 */
export async function resolveSession(
  deps: UseCaseDeps,
  input: ResolveSessionInput,
): Promise<StaffPrincipal | null> {
  if (input.token.length > 200) return null;
  const sessionId = sessionIdOf(input.token);
  const now = deps.clock.now().getTime();
  const ttlMs = deps.config.sessionCacheMs ?? 0;
  const cache = sessionCacheOf(deps.db);
  const cached = ttlMs > 0 ? cache.get(sessionId, now, ttlMs) : undefined;
  if (cached) return cached;
  const epoch = cache.epoch;
  const row = await findSessionWithUser(deps.db, sessionId);
  if (!row?.is_active || row.expires_at.getTime() <= now) return null;
  const principal: StaffPrincipal = {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    role: row.role,
    locale: row.locale,
    sessionId,
    csrfToken: csrfTokenFor(deps.secret, sessionId),
  };
  if (ttlMs > 0)
    cache.put(sessionId, { principal, expiresAt: row.expires_at.getTime(), cachedAt: now }, epoch);
  return principal;
}
