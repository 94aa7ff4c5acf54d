import { createHmac, timingSafeEqual } from 'node:crypto';

/** HMAC-SHA256 with the server secret, hex. Used for secrets that must be compared, never read. */
export function keyedHash(secret: string, ...parts: string[]): string {
  const h = createHmac('sha256', secret);
  for (const p of parts) h.update(`${p.length}:${p}`);
  return h.digest('hex');
}

/** Constant-time comparison of two hex digests. */
export function sameDigest(a: string, b: string): boolean {
  const ba = Buffer.from(a, 'hex');
  const bb = Buffer.from(b, 'hex');
  return ba.length === bb.length && timingSafeEqual(ba, bb);
}
