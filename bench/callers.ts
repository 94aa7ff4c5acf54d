// How a caller says it: another notation than the one stored, a slip of the finger.
import type { Rng } from '../src/demo/prng';

export function otherPhoneNotation(e164: string, rng: Rng): string {
  if (!e164.startsWith('+49')) return e164.replace(/^\+/, '00');
  const national = `0${e164.slice(3)}`;
  return rng.pick([
    national,
    `${national.slice(0, 4)} ${national.slice(4)}`,
    `+49 ${e164.slice(3, 6)} ${e164.slice(6)}`,
    `0049-${e164.slice(3)}`,
  ]);
}

export function typo(name: string, rng: Rng): string {
  // one slip of the finger in the last name: a swapped pair or a dropped letter
  const parts = name.split(' ');
  const last = parts[parts.length - 1]!;
  if (last.length < 4) return name;
  const i = rng.int(1, last.length - 3);
  const changed = rng.chance(0.5)
    ? last.slice(0, i) + last[i + 1] + last[i] + last.slice(i + 2)
    : last.slice(0, i) + last.slice(i + 1);
  parts[parts.length - 1] = changed;
  return parts.join(' ');
}
