import { describe, expect, it } from 'vitest';
import { interpretQuery } from './interpret-query';

describe('interpretQuery', () => {
  it.each([
    ['K1000001', 'account_number', 'K1000001'],
    ['k 1000001', 'account_number', 'K1000001'],
    ['K-1000001', 'account_number', 'K1000001'],
    ['1000001', 'account_number', 'K1000001'],
    ['+49 30 1234567', 'phone', '+49301234567'],
    ['030 / 123 45 67', 'phone', '+49301234567'],
    ['(030) 123 45 67', 'phone', '+49301234567'],
    ['0049 171 2345678', 'phone', '+491712345678'],
    ['0171-2345678', 'phone', '+491712345678'],
    ['Erika.Mustermann@Example.DE', 'email', 'erika.mustermann@example.de'],
    ['Müller', 'name', 'mueller'],
    ['  Erika   MUSTERMANN ', 'name', 'erika mustermann'],
    ['José García', 'name', 'jose garcia'],
  ])('reads %j as %s %s', (input, kind, normalized) => {
    expect(interpretQuery(input)).toEqual({ kind, normalized });
  });

  it('says when an e-mail, phone number or name cannot be read', () => {
    expect(interpretQuery('erika@')).toEqual({ kind: 'email', normalized: null });
    expect(interpretQuery('00000')).toEqual({ kind: 'phone', normalized: null });
    expect(interpretQuery('?')).toEqual({ kind: 'name', normalized: null });
  });
});

describe('interpretQuery, more notations', () => {
  it.each([
    ['+49 (0)30 1234567', 'phone', '+49301234567'],
    ['0049-30-1234567', 'phone', '+49301234567'],
    ['+43 1 5123456', 'phone', '+4315123456'],
    ['  k1000001  ', 'account_number', 'K1000001'],
    ['mueller erika', 'name', 'mueller erika'],
    ['Anne-Marie Groß', 'name', 'anne marie gross'],
  ])('reads %j as %s %s', (input, kind, normalized) => {
    expect(interpretQuery(input)).toEqual({ kind, normalized });
  });
});
