import { describe, expect, it } from 'vitest';
import { clearValuesIn, encodingsOf } from './clear-values';

const forms = encodingsOf('4711', '1980-03-07', 'Blauer Elefant');

describe('finding clear values exactly', () => {
  it('finds the value as a field, a word of a text, or in an encoding of it', () => {
    expect(clearValuesIn({ a: '4711' }, forms)).toEqual(['$.a: "4711"']);
    expect(clearValuesIn({ a: 4711 }, forms)).toEqual(['$.a: "4711"']);
    expect(clearValuesIn([{ note: 'Kunde sagt: 4711, Geburt 1980-03-07' }], forms)).toEqual([
      '$[0].note: "4711"',
      '$[0].note: "1980-03-07"',
    ]);
    expect(clearValuesIn({ changes: { answer: 'blauer ELEFANT' } }, forms)).toEqual([
      '$.changes.answer: "blauer elefant"',
      '$.changes.answer: "blauer"',
      '$.changes.answer: "elefant"',
    ]);
    expect(clearValuesIn({ said: Buffer.from('4711').toString('hex') }, forms)).toEqual([
      '$.said: "34373131"',
    ]);
    expect(clearValuesIn({ said: Buffer.from('Blauer Elefant').toString('base64') }, forms)).not.toEqual([]);
    expect(clearValuesIn({ '4711': true }, forms)).toEqual(['$ (key): "4711"']);
  });

  it('does not take digits inside a hex digest or a UUID for the value', () => {
    const digest = 'ab4711cd'.padEnd(64, '0');
    const uuid = '3f2a9c1e-4711-4abc-8def-0123456789ab';
    expect(
      clearValuesIn({ hash: digest, request_id: uuid, at: new Date('2026-05-04T09:00:00Z') }, forms),
    ).toEqual([]);
  });
});
