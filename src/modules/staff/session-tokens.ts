import { createHash } from 'node:crypto';
import { HOUR } from '../../platform/clock';
import { keyedHash } from '../../platform/keyed-hash';

/** How long a session lasts: one long shift. */
export const SESSION_TTL_MS = 12 * HOUR;

/** The stored id of a session: the cookie's token hashed, so a database dump holds no live session. */
export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The session's CSRF token: derived from the session with the server secret, never stored. */
export function csrfTokenFor(secret: string, sessionId: string): string {
  return keyedHash(secret, 'csrf', sessionId);
}
