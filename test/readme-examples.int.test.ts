import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDesk, type TestApp, type TestClient } from './harness';
import { ROOT } from './module-boundaries';

// The README's search examples, read from the README itself, must find the accounts it names on
// the demo data (the test template is seeded by the same generator as `npm start`).
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const block = readme.slice(
  readme.indexOf('<!-- search-examples -->'),
  readme.indexOf('<!-- /search-examples -->'),
);
/** Each sentence of the block: the examples in backticks, and the name (and number) they should find. */
const expectations = block
  .replace('<!-- search-examples -->', '')
  .split(';')
  .map((part) => {
    const [queries, target] = part.split(/\bfind\b/);
    return {
      queries: [...queries!.matchAll(/`([^`]+)`/g)].map((m) => m[1]!),
      name: target!
        .replace(/\(.*?\)/g, '')
        .replace(/[.\s]+$/, '')
        .trim(),
    };
  });

let t: TestApp;
let agent: TestClient;
beforeAll(async () => {
  ({ t, agent } = await startDesk());
});
afterAll(() => t?.close());

describe('the README search examples', () => {
  it('are there to be checked', () => {
    expect(expectations.length).toBeGreaterThanOrEqual(2);
    expect(expectations.flatMap((e) => e.queries).length).toBeGreaterThanOrEqual(6);
  });

  it.each(expectations.flatMap((e) => e.queries.map((q) => [q, e.name] as const)))(
    '%s finds %s first',
    async (q, name) => {
      const res = await agent.get(`/api/accounts/search?q=${encodeURIComponent(q)}`);
      expect(res.status).toBe(200);
      const first = res.body.items[0];
      expect(`${first?.firstName} ${first?.lastName}`).toBe(name);
    },
  );
});
