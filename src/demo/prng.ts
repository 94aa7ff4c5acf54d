/**
 * A small, fast, seedable random source (sfc32). The demo data must be the same on every
 * run with the same seed, so nothing in the seed may use Math.random or crypto randomness.
 */
function mix32(x: number): number {
  // the splitmix32 finaliser: a bijection on 32 bits, so distinct inputs stay distinct
  let z = (x + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

export class Rng {
  // sfc32: 128 bits of state, so the streams of a million accounts never run into each other
  #a: number;
  #b: number;
  #c: number;
  #d = 1;

  constructor(seed: number, index = 0, stream = 0) {
    this.#a = mix32(seed);
    this.#b = mix32(index ^ 0x5bd1e995);
    this.#c = mix32(stream ^ 0x27d4eb2f);
    for (let i = 0; i < 12; i++) this.uint32();
  }

  /** One stream per (seed, index, stream): account i's data does not depend on accounts before it. */
  static for(seed: number, index: number, stream: number): Rng {
    return new Rng(seed, index, stream);
  }

  uint32(): number {
    const t = (((this.#a + this.#b) | 0) + this.#d) | 0;
    this.#d = (this.#d + 1) | 0;
    this.#a = this.#b ^ (this.#b >>> 9);
    this.#b = (this.#c + (this.#c << 3)) | 0;
    this.#c = (this.#c << 21) | (this.#c >>> 11);
    this.#c = (this.#c + t) | 0;
    return t >>> 0;
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
