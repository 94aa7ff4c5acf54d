import { describe, expect, it } from 'vitest';
import { csvCell } from './dashboard-csv';

describe('a CSV cell', () => {
  it.each([
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+49 30 1234', "'+49 30 1234"],
    ['-1+1', "'-1+1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
  ])('writes %j as %j', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it('writes numbers as they are, a negative one too, and null as nothing', () => {
    expect(csvCell(-12.5)).toBe('-12.5');
    expect(csvCell(0.3235)).toBe('0.3235');
    expect(csvCell(null)).toBe('');
  });
});
