/** Why PostgreSQL would refuse a string: a NUL character, or half of a UTF-16 surrogate pair. */
export type UnstorableKind = 'nul' | 'lone_surrogate';

export interface UnstorableText {
  /** Where the string sits in the value ([] for the value itself); a field name's problem sits at its object. */
  path: Array<string | number>;
  kind: UnstorableKind;
  /** The problem is in a field's name, not its value. */
  inKey: boolean;
}

// a high surrogate not followed by a low one, or a low one not preceded by a high one (code units: no u flag)
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** A string PostgreSQL cannot store: text columns refuse NUL, jsonb refuses NUL and unpaired surrogates. */
export function unstorableKind(text: string): UnstorableKind | undefined {
  if (text.includes('\u0000')) return 'nul';
  if (LONE_SURROGATE.test(text)) return 'lone_surrogate';
  return undefined;
}

interface Visit {
  value: unknown;
  key: string | number | undefined;
  parent: Visit | undefined;
}

/** Deeper than this, a problem is reported at the ancestor this many levels down: a field name stays readable. */
const MAX_REPORTED_DEPTH = 32;

function pathOf(visit: Visit | undefined): Array<string | number> {
  const reversed: Array<string | number> = [];
  for (let v = visit; v?.key !== undefined; v = v.parent) reversed.push(v.key);
  return reversed.reverse().slice(0, MAX_REPORTED_DEPTH);
}

/**
 * Every string and field name in `value` that PostgreSQL could not store, at most `limit` of them.
 * Walks without recursion and builds a path only for what it reports, so a body nested a hundred
 * thousand levels deep is read in linear time, not a stack overflow.
 */
export function findUnstorableText(value: unknown, limit = 20): UnstorableText[] {
  const found: UnstorableText[] = [];
  const stack: Visit[] = [{ value, key: undefined, parent: undefined }];
  while (stack.length > 0 && found.length < limit) {
    const visit = stack.pop()!;
    const current = visit.value;
    if (typeof current === 'string') {
      const kind = unstorableKind(current);
      if (kind) found.push({ path: pathOf(visit), kind, inKey: false });
    } else if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) stack.push({ value: current[i], key: i, parent: visit });
    } else if (current !== null && typeof current === 'object') {
      const entries = Object.entries(current);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i]!;
        const kind = unstorableKind(key);
        if (kind) found.push({ path: pathOf(visit), kind, inKey: true });
        else stack.push({ value: child, key, parent: visit });
      }
    }
  }
  return found;
}
