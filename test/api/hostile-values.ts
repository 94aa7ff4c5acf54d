import fc from 'fast-check';
import type { JsonSchema } from './route-table';

/**
 * A JSON text standing in for a value too deep for JSON.stringify: requests are serialized with
 * placeholders, then the placeholder is swapped for the text.
 */
export class RawJson {
  constructor(
    readonly text: string,
    readonly label: string,
  ) {}
  toJSON() {
    return `\u{E000}raw:${this.label}\u{E000}`;
  }
}

/** Nested `depth` levels deep: [[[…]]] or {"a":{"a":…}}. */
const nested = (depth: number, kind: 'array' | 'object') =>
  new RawJson(
    kind === 'array'
      ? '['.repeat(depth) + ']'.repeat(depth)
      : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`,
    `${kind}-nested-${depth}`,
  );

/** Serializes a request body, splicing in the raw JSON of any RawJson inside it. */
export function toJsonText(value: unknown): string {
  const raws = new Map<string, string>();
  const text = JSON.stringify(value, (_key, v) => {
    if (v instanceof RawJson) raws.set(v.label, v.text);
    return v;
  });
  return text.replace(/"\u{E000}raw:([^\u{E000}]+)\u{E000}"/gu, (_m, label: string) => raws.get(label)!);
}

/** How a value reads in a failure message: long or deep values by their shape, not in full. */
export function describeValue(value: unknown): string {
  if (value instanceof RawJson) return `<${value.label}>`;
  const text = typeof value === 'string' ? JSON.stringify(value) : toJsonText(value);
  if (text === undefined) return String(value);
  return text.length > 120 ? `${text.slice(0, 100)}… (${text.length} chars)` : text;
}

// --- the hostile values -------------------------------------------------------------------------

export const INJECTIONS = [
  "' OR '1'='1",
  "'; drop table cases; --",
  '"; select pg_sleep(5); --',
  '$$; select 1; $$',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '{{constructor.constructor("return process")()}}',
  '{{#items}}{{/items}}',
  '{{{customer.name}}}',
  '{{> partial}}',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, sent as it is
  '${7*7}',
  '#{7*7}',
  '../../../../etc/passwd',
  '..%2F..%2Fetc',
  '%00',
  '%E0%A4%A',
  '__proto__',
  'constructor',
  '\r\nSet-Cookie: pwned=1',
  '{"$gt": ""}',
  '%s%s%s%n',
  '\\',
  '\\u0000',
  'null',
  'undefined',
  'me',
  'javascript:alert(1)',
  '=HYPERLINK("http://x")',
];

export const UNICODE_EDGES = [
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfff',
  '\ud83d',
  'y\ude00z',
  '\udc00\ud800',
  '😀',
  '👩‍👩‍👧‍👦',
  '\u202eevil',
  '\u200b',
  '\ufeff',
  '\uffff',
  '\ufffe',
  'e\u0301',
  'ﬁ',
  'ß',
  'İı',
  '\u0085',
  '\u2028\u2029',
  '\r\n',
  '\t',
  ' ',
  '  padded  ',
  '\u001b[31m',
  '𝕳𝖆𝖑𝖑𝖔',
  'Z̴̡̢͎̈́a̸l̶g̸o̴',
  '\u00a0',
  '\u{10ffff}',
];

export const DATE_LIKE = [
  '2099-02-30',
  '2099-13-45',
  '0000-01-01',
  '9999-12-31',
  '10000-01-01',
  '2024-02-29',
  '1900-02-29',
  '2023-02-29',
  '-000001-01-01',
  '2024-1-1',
  '2024-01-01T00:00:00Z',
  '0000-01-01T00:00:00Z',
  '0001-01-01T00:00:00+01:00',
  '9999-12-31T23:59:59-23:59',
  '2024-01-01T00:00:00.123456789Z',
  '+275760-09-13T00:00:00Z',
  '1970-01-01T00:00:00+99:99',
  '2024-02-30T00:00:00Z',
];

export const NUMBER_LIKE = [
  '0',
  '-1',
  '1e400',
  '-0',
  '0x10',
  '1_000',
  'Infinity',
  'NaN',
  '9007199254740993',
  '99999999999999999999',
  '1.5',
  ' 1 ',
  '',
];

export const NONEXISTENT_IDS = [
  'acc_00000000000000000000',
  'case_nonexistent',
  'usr_demo_nobody',
  'note_x',
  'cmt_0',
  'msg_0',
  'rep_0',
  'x',
  '0',
];

/** Values of every JSON type and shape that fit no field: wrong types, extremes, size and depth. */
const wrongShapes = fc.constantFrom<unknown>(
  null,
  true,
  false,
  0,
  -1,
  1.5,
  -0.000001,
  1e308,
  -1e308,
  2 ** 53 + 2,
  Number.MAX_SAFE_INTEGER,
  [],
  {},
  [null],
  { a: 1 },
  [[[]]],
  '',
  nested(64, 'array'),
  nested(5_000, 'array'),
  nested(100_000, 'array'),
  nested(2_000, 'object'),
  new RawJson(`[${'0,'.repeat(50_000)}0]`, 'array-of-50001'),
  new RawJson(
    `{${Array.from({ length: 5_000 }, (_, i) => `"k${i}":${i}`).join(',')}}`,
    'object-of-5000-keys',
  ),
  new RawJson(`[${'0,'.repeat(200_000)}0]`, 'array-over-the-body-limit'),
);

const hugeText = fc.constantFrom(
  'x'.repeat(65),
  'x'.repeat(201),
  'x'.repeat(10_001),
  'x'.repeat(100_000),
  '😀'.repeat(20_000),
  'ä'.repeat(60_000),
  'x'.repeat(300_000),
);

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));

/** Text of every kind: injection, unicode edge cases, NUL and lone surrogates, dates and numbers as text, sizes. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...INJECTIONS, ...UNICODE_EDGES, ...DATE_LIKE, ...NUMBER_LIKE),
  hugeText,
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({
    unit: fc.oneof(loneSurrogate, fc.constant('\u0000'), fc.string({ unit: 'binary', maxLength: 1 })),
  }),
);

/** A valid value with a NUL or half a surrogate pair slipped in: passes every pattern but the storable-text one. */
function poisoned(valid: unknown): fc.Arbitrary<string> {
  const text = typeof valid === 'string' ? valid : String(valid);
  return fc
    .tuple(fc.nat({ max: text.length }), fc.constantFrom('\u0000', '\ud800', '\udfff', '\ud83d'))
    .map(([at, bad]) => text.slice(0, at) + bad + text.slice(at));
}

const hostileNumbers = fc.oneof(
  fc.constantFrom<unknown>(-1, 0, 2 ** 31, 2 ** 31 - 1, 2 ** 63, -(2 ** 31) - 1, 0.5, 1e-300),
  fc.integer(),
  fc.double(),
);

/** Hostile values for one field, weighted towards what the field is (text, a date, a number, an id). */
export function hostileFor(schema: JsonSchema, valid: unknown, isId: boolean): fc.Arbitrary<unknown> {
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  const choices: Array<fc.Arbitrary<unknown>> = [wrongShapes, hostileText, poisoned(valid)];
  if (isId)
    choices.push(fc.constantFrom(...NONEXISTENT_IDS), fc.stringMatching(/^[a-z]{2,4}_[0-9A-Za-z]{8,30}$/));
  if (schema.format === 'date' || schema.format === 'date-time' || schema.pattern?.includes('\\d{4}'))
    choices.push(fc.constantFrom(...DATE_LIKE), fc.constantFrom(...DATE_LIKE));
  if (type === 'integer' || type === 'number') choices.push(hostileNumbers, fc.constantFrom(...NUMBER_LIKE));
  if (schema.enum) choices.push(fc.constantFrom(...schema.enum.map((v) => `${String(v).toUpperCase()} `)));
  return fc.oneof(...choices);
}

/** Field names a body should never take: prototype keys, NUL, lone surrogates, very long names. */
export const hostileKeys = fc.constantFrom(
  '__proto__',
  'constructor',
  'prototype',
  'extra',
  'a\u0000b',
  '\ud800',
  '',
  'k'.repeat(5_000),
  '$where',
  'isAdmin',
  'role',
);

/** What a path segment can be sent as without any encoding: malformed escapes, traversal, separators. */
export const rawPathSegments = fc.constantFrom(
  '%E0%A4%A',
  '%',
  '%zz',
  '%C0%80',
  '%ED%A0%80',
  '%FF',
  '..',
  '.',
  '%2e%2e',
  '%2F',
  'a%2Fb',
  '%00',
  `${'x'.repeat(101)}`,
  `${'%41'.repeat(150)}`,
  `${'y'.repeat(5_000)}`,
  ';',
  'a;b=c',
  '*',
  '%20',
  '~',
);

/** Percent-encodes text for a URL; half a surrogate pair goes out as the (invalid) bytes it would be. */
export function percentEncode(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    let out = '';
    for (const ch of text) {
      const code = ch.charCodeAt(0);
      if (ch.length === 1 && code >= 0xd800 && code <= 0xdfff)
        out +=
          `%${(0xe0 | (code >> 12)).toString(16)}%${(0x80 | ((code >> 6) & 0x3f)).toString(16)}%${(0x80 | (code & 0x3f)).toString(16)}`.toUpperCase();
      else out += encodeURIComponent(ch);
    }
    return out;
  }
}
