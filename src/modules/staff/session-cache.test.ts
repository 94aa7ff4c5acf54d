import { describe, expect, it } from 'vitest';
import type { StaffPrincipal } from '../../platform/http/route-auth';
import { forgetSessions, SessionCache, sessionCacheOf } from './session-cache';

const principal = (id: string): StaffPrincipal => ({
  id,
  email: `${id}@kulanz.test`,
  displayName: id,
  role: 'agent',
  locale: 'de',
  sessionId: `s-${id}`,
  csrfToken: 'x',
});
const entry = (id: string, cachedAt: number, expiresAt = cachedAt + 3_600_000) => ({
  principal: principal(id),
  cachedAt,
  expiresAt,
});

describe('the session cache', () => {
  it('answers within its time to live and forgets an entry at it', () => {
    const cache = new SessionCache();
    cache.put('a', entry('a', 1_000), cache.epoch);
    expect(cache.get('a', 1_000 + 4_999, 5_000)?.id).toBe('a');
    expect(cache.get('a', 1_000 + 5_000, 5_000)).toBeUndefined();
    // and it is gone, not only hidden
    expect(cache.size).toBe(0);
  });

  it('never answers for a session past its own expiry, however young the entry', () => {
    const cache = new SessionCache();
    cache.put('a', entry('a', 1_000, 2_000), cache.epoch);
    expect(cache.get('a', 1_999, 60_000)?.id).toBe('a');
    expect(cache.get('a', 2_000, 60_000)).toBeUndefined();
  });

  it('does not trust an entry from the future (a clock set back)', () => {
    const cache = new SessionCache();
    cache.put('a', entry('a', 10_000), cache.epoch);
    expect(cache.get('a', 9_000, 5_000)).toBeUndefined();
  });

  it('drops a lookup that began before a change was forgotten, so a stale row is never cached', () => {
    const cache = new SessionCache();
    const startedIn = cache.epoch;
    cache.forgetAll(); // a role change committed while the lookup was on its way
    cache.put('a', entry('a', 1_000), startedIn);
    expect(cache.get('a', 1_000, 5_000)).toBeUndefined();
    cache.put('a', entry('a', 1_000), cache.epoch);
    expect(cache.get('a', 1_000, 5_000)?.id).toBe('a');
  });

  it('keeps at most its size, letting the oldest entry go first', () => {
    const cache = new SessionCache(2);
    cache.put('a', entry('a', 1), cache.epoch);
    cache.put('b', entry('b', 2), cache.epoch);
    cache.put('c', entry('c', 3), cache.epoch);
    expect(cache.size).toBe(2);
    expect(cache.get('a', 3, 5_000)).toBeUndefined();
    expect(cache.get('c', 3, 5_000)?.id).toBe('c');
  });

  it('is one per database handle, and forgetSessions empties that one only', () => {
    const one = {};
    const other = {};
    sessionCacheOf(one).put('a', entry('a', 1), sessionCacheOf(one).epoch);
    sessionCacheOf(other).put('b', entry('b', 1), sessionCacheOf(other).epoch);
    forgetSessions(one);
    expect(sessionCacheOf(one).get('a', 1, 5_000)).toBeUndefined();
    expect(sessionCacheOf(other).get('b', 1, 5_000)?.id).toBe('b');
  });
});
