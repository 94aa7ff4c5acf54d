import { describe, expect, it } from 'vitest';
import { isValidIban, maskIban, normalizeIban } from './iban';

describe('IBAN', () => {
  it.each([
    ['DE89 3704 0044 0532 0130 00', true],
    ['de89370400440532013000', true],
    ['AT61 1904 3002 3457 3201', true],
    ['GB82 WEST 1234 5698 7654 32', true],
    ['NL91 ABNA 0417 1643 00', true],
    ['DE89 3704 0044 0532 0130 01', false], // checksum
    ['DE89 3704 0044 0532 0130 0', false], // length
    ['XX89 3704 0044 0532 0130 00', false], // country
    ['DE8937040044053201300!', false],
    ['', false],
  ])('%s → %s', (text, valid) => {
    expect(isValidIban(normalizeIban(text))).toBe(valid);
  });

  it('masks all but the country, the checksum and the last four', () => {
    expect(maskIban('DE89370400440532013000')).toBe('DE89 **** **** **** **30 00');
  });
});
