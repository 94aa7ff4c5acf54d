import { describe, expect, it } from 'vitest';
import { parseAmount } from '../web/src/lib/format';

// The refund form takes an amount as the agent types it in the UI language and sends minor units.

describe('parseAmount', () => {
  it.each([
    ['80', 'de', 8000],
    ['80,5', 'de', 8050],
    ['1.234,56 €', 'de', 123456],
    ['0,01', 'de', 1],
    ['80.50', 'en', 8050],
    ['€1,234.56', 'en', 123456],
    [' 12 ', 'en', 1200],
  ])('reads %s in %s as %i minor units', (text, lang, minor) => {
    expect(parseAmount(text, lang)).toBe(minor);
  });

  it.each([
    ['', 'de'],
    ['abc', 'de'],
    ['1,234', 'de'],
    ['-5', 'de'],
    ['80,50', 'en'],
    ['1.2.3', 'en'],
  ])('refuses %j in %s', (text, lang) => {
    expect(parseAmount(text, lang)).toBeNull();
  });
});
