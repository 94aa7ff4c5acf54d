import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz'; // Crockford base32, lower case

function encode(bytes: Uint8Array): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

/** A prefixed, time-ordered, unguessable id: `case_01jd...`. 48 bits of time, 80 of randomness. */
export function newId(prefix: string, now: Date = new Date()): string {
  const bytes = new Uint8Array(16);
  const ms = now.getTime();
  bytes[0] = Math.floor(ms / 2 ** 40) & 0xff;
  bytes[1] = Math.floor(ms / 2 ** 32) & 0xff;
  bytes[2] = (ms >>> 24) & 0xff;
  bytes[3] = (ms >>> 16) & 0xff;
  bytes[4] = (ms >>> 8) & 0xff;
  bytes[5] = ms & 0xff;
  bytes.set(randomBytes(10), 6);
  return `${prefix}_${encode(bytes)}`;
}

/** A URL-safe random token with `bytes` bytes of entropy (session cookies, survey links). */
export function newToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}
