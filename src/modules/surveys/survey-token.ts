import { keyedHash } from '../../platform/keyed-hash';

/** A survey link's token is stored only as this keyed hash (HMAC-SHA-256 with the server secret). */
export function surveyTokenHash(secret: string, token: string): string {
  return keyedHash(secret, 'survey', token);
}

/** What newToken(32) makes (base64url); anything else is a link we never sent. */
export function isWellFormedToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{20,100}$/.test(token);
}
