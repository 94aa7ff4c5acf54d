import { describe, expect, it } from 'vitest';
import {
  foldName,
  looksLikeEmail,
  normalizeDate,
  normalizeEmail,
  normalizePhone,
  normalizeSecretText,
} from './normalize';

describe('normalizePhone', () => {
  it.each([
    ['+49 30 1234567', '+49301234567'],
    ['030 1234567', '+49301234567'],
    ['030/1234567', '+49301234567'],
    ['(030) 123 45 67', '+49301234567'],
    ['030-123 45 67', '+49301234567'],
    ['0049 30 1234567', '+49301234567'],
    ['+49 (0)30 1234567', '+49301234567'],
    ['0171-2345678', '+491712345678'],
    ['+44 20 7946 0958', '+442079460958'],
  ])('reads %s as %s', (input, expected) => {
    expect(normalizePhone(input)).toBe(expected);
  });

  it('reads a number without country code in the region it is given', () => {
    expect(normalizePhone('020 7946 0958', 'GB')).toBe('+442079460958');
  });

  it.each(['', 'abc', '123', 'call me maybe'])('refuses %j, which is no phone number', (input) => {
    expect(normalizePhone(input)).toBeNull();
  });
});

describe('normalizeEmail and looksLikeEmail', () => {
  it('compares e-mail addresses without case or surrounding space', () => {
    expect(normalizeEmail('  Erika.Mustermann@Example.DE ')).toBe('erika.mustermann@example.de');
  });

  it('tells an e-mail address from a name or a number', () => {
    expect(looksLikeEmail('erika@example.de')).toBe(true);
    expect(looksLikeEmail('Erika Mustermann')).toBe(false);
    expect(looksLikeEmail('erika@localhost')).toBe(false);
    expect(looksLikeEmail('+49 30 1234567')).toBe(false);
  });
});

describe('foldName', () => {
  it.each([
    ['Müller', 'mueller'],
    ['Mueller', 'mueller'],
    ['MÜLLER', 'mueller'],
    ['Weiß', 'weiss'],
    ['Jürgen  Schäfer-Öztürk', 'juergen schaefer oeztuerk'],
    ['José García', 'jose garcia'],
    ['  Zoë   Brontë ', 'zoe bronte'],
  ])('folds %s to %s', (input, expected) => {
    expect(foldName(input)).toBe(expected);
  });

  it('makes both German spellings of an umlaut meet', () => {
    expect(foldName('Björn Müller')).toBe(foldName('bjoern mueller'));
  });
});

describe('normalizeSecretText', () => {
  it('ignores case, spaces and accents in free-text answers', () => {
    expect(normalizeSecretText(' Blauer  Elefant ')).toBe(normalizeSecretText('blauerelefant'));
    expect(normalizeSecretText('Café Über')).toBe('cafeueber');
  });
});

describe('normalizeDate', () => {
  it.each([
    ['1980-03-07', '1980-03-07'],
    ['07.03.1980', '1980-03-07'],
    ['7.3.1980', '1980-03-07'],
    ['7/3/1980', '1980-03-07'],
    ['07031980', '1980-03-07'],
    ['7. März 1980', '1980-03-07'],
    ['7 Maerz 1980', '1980-03-07'],
    ['7 March 1980', '1980-03-07'],
    ['March 7, 1980', '1980-03-07'],
    ['29.02.2000', '2000-02-29'],
  ])('reads %s as %s', (input, expected) => {
    expect(normalizeDate(input)).toBe(expected);
  });

  it.each(['31.02.1980', '29.02.1981', '1980', 'gestern', '13/13/1980', ''])(
    'refuses %j, which is no calendar date',
    (input) => {
      expect(normalizeDate(input)).toBeNull();
    },
  );
});
