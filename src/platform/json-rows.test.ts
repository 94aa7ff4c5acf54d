import { describe, expect, it } from 'vitest';
import { timestampsFromJson } from './json-rows';

describe('rows from JSON aggregates', () => {
  it.each([
    // how PostgreSQL's to_json writes timestamptz in different session time zones
    ['2026-05-04T09:00:00+00:00', '2026-05-04T09:00:00.000Z'],
    ['2026-05-04T11:00:00+02:00', '2026-05-04T09:00:00.000Z'],
    ['2026-05-04T14:30:00.25+05:30', '2026-05-04T09:00:00.250Z'],
    // microseconds are cut to milliseconds, as the pg and PGlite parsers cut them
    ['2026-05-04T09:00:00.123999+00:00', '2026-05-04T09:00:00.123Z'],
  ])('reads the timestamp %s as the instant %s', (text, iso) => {
    const row = timestampsFromJson({ opened_at: text });
    expect(row.opened_at).toBeInstanceOf(Date);
    expect(row.opened_at.toISOString()).toBe(iso);
  });

  it('leaves dates, nulls, numbers and other text as they are', () => {
    const row = timestampsFromJson({
      id: 'inv_1',
      due_on: '2026-05-04',
      delivered_at: null as string | null,
      amount_minor: 9900,
      status: 'open',
    });
    expect(row).toEqual({
      id: 'inv_1',
      due_on: '2026-05-04',
      delivered_at: null,
      amount_minor: 9900,
      status: 'open',
    });
  });
});
