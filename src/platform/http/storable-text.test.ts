import { describe, expect, it } from 'vitest';
import { findUnstorableText, unstorableKind } from './storable-text';

describe('unstorableKind', () => {
  it.each([
    ['plain text', undefined],
    ['', undefined],
    ['Grüße 😀 👩‍👩‍👧‍👦 e\u0301', undefined],
    ['\ud83d\ude00', undefined],
    ['a\u0000b', 'nul'],
    ['\u0000', 'nul'],
    ['\ud800', 'lone_surrogate'],
    ['x\udfff', 'lone_surrogate'],
    ['\ud83d', 'lone_surrogate'],
    ['\ude00\ud83d', 'lone_surrogate'],
    ['ok \ud83d\ude00 then \ud83d', 'lone_surrogate'],
  ])('%j is %s', (text, kind) => {
    expect(unstorableKind(text)).toBe(kind);
  });
});

describe('findUnstorableText', () => {
  it('names the path of every bad string and the object holding a bad field name', () => {
    const found = findUnstorableText({
      subject: 'ok',
      commitments: [{ description: 'fine' }, { description: 'a\u0000b' }],
      nested: { 'bad\ud800key': 1, deeper: ['\udc00'] },
    });
    expect(found).toEqual([
      { path: ['commitments', 1, 'description'], kind: 'nul', inKey: false },
      { path: ['nested'], kind: 'lone_surrogate', inKey: true },
      { path: ['nested', 'deeper', 0], kind: 'lone_surrogate', inKey: false },
    ]);
  });

  it('reads a value nested a hundred thousand levels deep, naming the place by its first 32 levels', () => {
    const deep = JSON.parse(`${'['.repeat(100_000)}"\\u0000"${']'.repeat(100_000)}`);
    expect(findUnstorableText(deep)).toEqual([{ path: Array(32).fill(0), kind: 'nul', inKey: false }]);
  });

  it('stops after the limit and says nothing about numbers, booleans and null', () => {
    expect(findUnstorableText(Array(50).fill('\u0000'), 3)).toHaveLength(3);
    expect(findUnstorableText({ a: 1, b: true, c: null, d: [0.5] })).toEqual([]);
    expect(findUnstorableText('\u0000')).toEqual([{ path: [], kind: 'nul', inKey: false }]);
  });
});
