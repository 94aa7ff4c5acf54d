/**
 * A small, fast, seedable random source (mulberry32). The demo data must be the same on every
 * run with the same seed, so nothing in the seed may use Math.random or crypto randomness.
 */
export class Rng {
  #state: number;

  constructor(seed: number) {
    this.#state = seed >>> 0;
  }

  /** One stream per (seed, index, stream): account i's data does not depend on accounts before it. */
  static for(seed: number, index: number, stream: number): Rng {
    let h = Math.imul((seed >>> 0) ^ 0x9e3779b9, 0x85ebca6b);
    h = Math.imul(h ^ (index >>> 0) ^ (h >>> 13), 0xc2b2ae35);
    h = Math.imul(h ^ Math.imul(stream + 1, 0x27d4eb2f) ^ (h >>> 16), 0x165667b1);
    return new Rng((h ^ (h >>> 15)) >>> 0);
  }

  uint32(): number {
    this.#state = (this.#state + 0x6d2b79f5) | 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Picks by weight: `weighted([['a', 3], ['b', 1]])` gives 'a' three times as often. */
  weighted<T>(items: ReadonlyArray<readonly [T, number]>): T {
    let total = 0;
    for (const [, w] of items) total += w;
    let r = this.next() * total;
    for (const [item, w] of items) {
      r -= w;
      if (r < 0) return item;
    }
    return items[items.length - 1]![0];
  }

  digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += String(this.int(0, 9));
    return s;
  }
}

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/**
 * A prefixed id in the same shape as `newId` (48 bits of time, 80 bits after it), but with the
 * 80 bits drawn from the seeded stream so that the same seed gives the same ids.
 */
export function seededId(prefix: string, at: Date, rng: Rng): string {
  const bytes = new Uint8Array(16);
  const ms = at.getTime();
  bytes[0] = Math.floor(ms / 2 ** 40) & 0xff;
  bytes[1] = Math.floor(ms / 2 ** 32) & 0xff;
  bytes[2] = (ms >>> 24) & 0xff;
  bytes[3] = (ms >>> 16) & 0xff;
  bytes[4] = (ms >>> 8) & 0xff;
  bytes[5] = ms & 0xff;
  for (let i = 6; i < 16; i += 2) {
    const r = rng.uint32();
    bytes[i] = r & 0xff;
    bytes[i + 1] = (r >>> 8) & 0xff;
  }
  let out = '';
  let bits = 0;
  let value = 0;
  for (const b of bytes) {
    value = ((value << 8) | b) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return `${prefix}_${out}`;
}
