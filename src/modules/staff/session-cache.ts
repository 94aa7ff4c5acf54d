import type { StaffPrincipal } from '../../platform/http/route-auth';

interface Entry {
  principal: StaffPrincipal;
  expiresAt: number;
  cachedAt: number;
}

/** Sessions remembered at most; past it the oldest entry goes first. */
export const MAX_CACHED_SESSIONS = 10_000;

/**
 * The staff members behind recent session cookies, so that a request does not cost a database
 * round trip only to learn who sends it. An entry lives `ttlMs` (KULANZ_SESSION_CACHE_MS) and
 * never past its session's expiry. Everything that ends a session or changes a staff member —
 * logout, deactivation, a new password, a new role or language — forgets the whole cache after
 * its transaction committed (`forgetSessions`), so on this instance the change counts from the
 * next request; another instance of kulanz notices within `ttlMs`.
 *
 * A lookup that started before such a change may finish after it: it carries the epoch it
 * started in, and a put from an older epoch is dropped, so a stale row is never cached.
 */
export class SessionCache {
  #entries = new Map<string, Entry>();
  #epoch = 0;

  constructor(readonly maxEntries = MAX_CACHED_SESSIONS) {}

  /** The number to hand back to `put`: which generation of staff data a lookup starts from. */
  get epoch(): number {
    return this.#epoch;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** The cached staff member of a session, or undefined when unknown, older than ttlMs or expired. */
  get(sessionId: string, now: number, ttlMs: number): StaffPrincipal | undefined {
    const entry = this.#entries.get(sessionId);
    if (!entry) return undefined;
    if (now - entry.cachedAt >= ttlMs || now < entry.cachedAt || entry.expiresAt <= now) {
      this.#entries.delete(sessionId);
      return undefined;
    }
    return entry.principal;
  }

  put(sessionId: string, entry: Entry, epoch: number): void {
    if (epoch !== this.#epoch) return;
    if (this.#entries.size >= this.maxEntries && !this.#entries.has(sessionId)) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    this.#entries.set(sessionId, entry);
  }

  forgetAll(): void {
    this.#entries.clear();
    this.#epoch++;
  }
}

/** One cache per database handle: the use cases that change staff reach it through `deps.db`. */
const caches = new WeakMap<object, SessionCache>();

export function sessionCacheOf(db: object): SessionCache {
  let cache = caches.get(db);
  if (!cache) {
    cache = new SessionCache();
    caches.set(db, cache);
  }
  return cache;
}

/** Forgets every cached session of this database handle: call it after the change committed. */
export function forgetSessions(db: object): void {
  sessionCacheOf(db).forgetAll();
}
