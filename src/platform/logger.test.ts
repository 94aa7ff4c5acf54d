import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { stream, lines };
}

describe('the server logger', () => {
  it('writes one JSON object a line in json format', async () => {
    const { stream, lines } = capture();
    const log = createLogger({ level: 'info', format: 'json' }, stream);
    log.info({ route: '/api/health' }, 'served');
    log.debug('below the level');
    await new Promise((r) => setImmediate(r));
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 30, msg: 'served', route: '/api/health' });
  });

  it('writes a readable line, not JSON, in pretty format', async () => {
    const { stream, lines } = capture();
    const log = createLogger({ level: 'info', format: 'pretty' }, stream);
    log.info({ route: '/api/health' }, 'served');
    log.warn('careful');
    await new Promise((r) => setImmediate(r));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^\[\d\d:\d\d:\d\d\] INFO: served \{"route":"\/api\/health"\}$/);
    expect(() => JSON.parse(lines[0]!)).toThrow();
    expect(lines[1]).toMatch(/WARN: careful$/);
  });
});
