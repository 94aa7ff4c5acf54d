import { describe, expect, it } from 'vitest';
import {
  editDistance,
  nameKey,
  orderBySpelling,
  rankSpellings,
  type SpellingHit,
  wordDistance,
  wordScore,
} from './name-spellings';

const word = (token: string, similarity = 0.5) => ({ token, similarity });

describe('editDistance', () => {
  it.each([
    ['schmidt', 'schmidt', 0],
    ['schmidt', 'schmdit', 1], // a swapped pair is one edit
    ['schmidt', 'schmit', 1],
    ['schmidt', 'schmitt', 1],
    ['meier', 'meyer', 1],
    ['meier', 'maier', 1],
    ['mueller', 'muller', 1],
    ['schmdit', 'schmitt', 2],
    ['anna', 'hanna', 1],
    ['', 'abc', 3],
  ])('%s → %s is %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });

  it('stops counting past the maximum', () => {
    expect(editDistance('quastenbaumann', 'quastenberger', 2)).toBe(3);
    expect(editDistance('a', 'abcdefgh', 2)).toBe(3);
  });
});

describe('wordDistance', () => {
  it('counts a dropped or changed umlaut as one letter, without making a written-out ue two', () => {
    expect(wordDistance('bhm', 'boehm')).toBe(1); // Böhm typed without its ö
    expect(wordDistance('khn', 'kuehn')).toBe(1);
    expect(wordDistance('mller', 'mueller')).toBe(1);
    expect(wordDistance('manul', 'manuel')).toBe(1);
    expect(wordDistance('boehm', 'boehm')).toBe(0);
  });
});

describe('nameKey', () => {
  it('writes the distinct words in byte order, as the database does', () => {
    expect(nameKey(['schmidt', 'anna', 'anna'])).toBe('anna schmidt');
    expect(nameKey(['b2', 'b10', 'a'])).toBe('a b10 b2');
  });
});

describe('wordScore', () => {
  it('ranks the word itself over one edit, the start of a word still being typed, two edits and the merely similar', () => {
    const scores = [
      wordScore('schmidt', word('schmidt'), false),
      wordScore('schmdit', word('schmidt'), false),
      wordScore('schmi', word('schmidt'), true),
      wordScore('schmdit', word('schmitt'), false),
      wordScore('quastenbaumann', word('quastenbaum', 0.7), false),
    ];
    expect(scores).toEqual([1, 0.75, 0.7, 0.5, expect.closeTo(0.28)]);
    // a prefix counts only for the last word, and only from three letters
    expect(wordScore('schm', word('schmidt', 0.4), false)).toBeCloseTo(0.16);
    expect(wordScore('sc', word('schmidt', 0.3), true)).toBeCloseTo(0.12);
  });
});

describe('rankSpellings', () => {
  it('puts the exact spelling first, then one edit, and a spelling that leaves a word out after those', () => {
    const spellings = rankSpellings(
      ['anna', 'schmidt'],
      [
        [word('anna'), word('hanna')],
        [word('schmidt'), word('schmitt')],
      ],
    );
    expect(spellings.slice(0, 4).map((s) => [s.words.join(' '), s.score])).toEqual([
      ['anna schmidt', 2],
      ['anna schmitt', 1.75],
      ['hanna schmidt', 1.75],
      ['hanna schmitt', 1.5],
    ]);
    expect(spellings.map((s) => s.words.join(' '))).toContain('schmidt');
  });

  it('never maps two words of the query to one word, and never leaves out the only word', () => {
    const twice = rankSpellings(['anna', 'anne'], [[word('anna')], [word('anna')]]);
    expect(twice.map((s) => s.words)).toEqual([['anna']]);
    expect(rankSpellings(['anna'], [[]])).toEqual([]);
  });

  it('stays bounded for a long query', () => {
    const words = ['a1', 'b1', 'c1', 'd1', 'e1', 'f1'];
    const candidates = words.map((w) => Array.from({ length: 12 }, (_, i) => word(`${w}x${i}`)));
    expect(rankSpellings(words, candidates).length).toBeLessThanOrEqual(24);
  });
});

describe('orderBySpelling', () => {
  const hit = (key: string, name: string, similarity = 0.6): SpellingHit => ({ key, name, similarity });

  it('lets equally close spellings take turns, so namesakes of one cannot push out the other', () => {
    const spellings = [
      { words: ['anna', 'schmitt'], score: 1.75 },
      { words: ['anna', 'schmidt'], score: 1.75 },
    ];
    const found = [
      [1, 2, 3, 4].map((i) => hit(`t${i}`, 'anna schmitt')),
      [1, 2, 3, 4].map((i) => hit(`d${i}`, 'anna schmidt')),
    ];
    expect(orderBySpelling(spellings, found, 'anna schmit', 4).map((h) => h.key)).toEqual([
      't1',
      'd1',
      't2',
      'd2',
    ]);
  });

  it('lists the exact name first, then the closer spelling, and an account once', () => {
    const spellings = [
      { words: ['gerlinde', 'namensvetter'], score: 2 },
      { words: ['gerlinde', 'namensvettern'], score: 1.75 },
    ];
    const found = [
      [hit('a', 'gerlinde maria namensvetter'), hit('b', 'gerlinde namensvetter')],
      [hit('c', 'gerlinde namensvettern'), hit('a', 'gerlinde maria namensvetter')],
    ];
    expect(orderBySpelling(spellings, found, 'gerlinde namensvetter', 20).map((h) => h.key)).toEqual([
      'b',
      'a',
      'c',
    ]);
  });

  it('drops a much weaker spelling unless the whole name is similar, and finds nothing when nothing was found', () => {
    const spellings = [
      { words: ['gunda', 'altnamigwitz'], score: 2 },
      { words: ['gunda'], score: 1 },
    ];
    const renamed = [[], [hit('g', 'gunda brennsteiner', 0.2)]];
    expect(orderBySpelling(spellings, renamed, 'gunda altnamigwitz', 20)).toEqual([]);
    const middleName = [[], [hit('m', 'gunda altnamig', 0.55)]];
    expect(orderBySpelling(spellings, middleName, 'gunda altnamigwitz', 20).map((h) => h.key)).toEqual(['m']);
    expect(orderBySpelling(spellings, [[], []], 'gunda', 20)).toEqual([]);
  });
});
