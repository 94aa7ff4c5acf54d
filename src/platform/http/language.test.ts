import { describe, expect, it } from 'vitest';
import { preferredLanguage } from './language';

describe('preferredLanguage', () => {
  it.each([
    [undefined, 'en'],
    ['', 'en'],
    ['de', 'de'],
    ['de-DE', 'de'],
    ['DE-at', 'de'],
    ['de-DE,de;q=0.9,en;q=0.8', 'de'],
    ['en-GB,en;q=0.9,de;q=0.8', 'en'],
    ['fr-CH, fr;q=0.9, de;q=0.7, *;q=0.5', 'de'],
    ['en;q=0.4, de;q=0.6', 'de'],
    ['de;q=0.5, en;q=0.5', 'de'],
    ['de;q=0, en', 'en'],
    ['de;q=0', 'en'],
    ['fr, it', 'en'],
    ['*', 'en'],
    ['deutsch', 'en'],
    ['de;q=banana, en;q=0.1', 'en'],
  ])('answers Accept-Language %j in %s', (header, expected) => {
    expect(preferredLanguage(header)).toBe(expected);
  });

  it('reads a header sent twice as one list', () => {
    expect(preferredLanguage(['fr', 'de;q=0.8'])).toBe('de');
  });
});
