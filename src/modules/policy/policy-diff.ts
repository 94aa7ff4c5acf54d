import type { PolicyDocument } from './policy.schemas';

/** One field that differs between two policy versions, by its dotted path. */
export interface PolicyChange {
  path: string;
  change: 'added' | 'removed' | 'changed';
  before: unknown;
  after: unknown;
}

type Leaf = string | number | boolean | null | unknown[];

/** Every leaf of a document by dotted path; a list is one leaf (the policy's lists are sets). */
function leaves(value: unknown, prefix: string, out: Map<string, Leaf>): Map<string, Leaf> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) leaves(child, prefix ? `${prefix}.${key}` : key, out);
  } else if (value !== undefined) {
    out.set(prefix, value as Leaf);
  }
  return out;
}

/** Lists are compared as sets: ['digital', 'service'] is ['service', 'digital']. */
function same(a: Leaf | undefined, b: Leaf | undefined): boolean {
  const canonical = (v: Leaf | undefined) =>
    JSON.stringify(Array.isArray(v) ? [...v].map((x) => JSON.stringify(x)).sort() : v);
  return canonical(a) === canonical(b);
}

/**
 * The fields that differ from `before` to `after`, in the order of `before` and then the fields
 * only `after` has: what the admin's diff view lists before a draft is published.
 */
export function diffPolicies(before: PolicyDocument, after: PolicyDocument): PolicyChange[] {
  const a = leaves(before, '', new Map());
  const b = leaves(after, '', new Map());
  const paths = [...a.keys(), ...[...b.keys()].filter((k) => !a.has(k))];
  return paths
    .filter((path) => !same(a.get(path), b.get(path)))
    .map((path) => ({
      path,
      change: !a.has(path) ? 'added' : !b.has(path) ? 'removed' : 'changed',
      before: a.get(path) ?? null,
      after: b.get(path) ?? null,
    }));
}
