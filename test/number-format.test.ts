import i18n from 'i18next';
import { afterAll, describe, expect, it } from 'vitest';
import { hours, number, percent } from '../web/src/lib/format';

// The dashboard's figures in the UI language: a German reader sees 8,3 % and 0,1 h, an English
// one 8.3% and 0.1 h; a missing figure is a dash in both.

const NBSP = '\u00a0';
const inLanguage = async (lng: string) => {
  if (!i18n.isInitialized) await i18n.init({ lng, resources: {} });
  await i18n.changeLanguage(lng);
};
afterAll(() => i18n.changeLanguage('de'));

describe('number, percent and hours', () => {
  it('write German with a decimal comma and a space before the percent sign', async () => {
    await inLanguage('de');
    expect(percent(0.083)).toBe(`8,3${NBSP}%`);
    expect(percent(0.972_027)).toBe(`97,2${NBSP}%`);
    expect(percent(1)).toBe(`100${NBSP}%`);
    expect(hours(0.1)).toBe('0,1 h');
    expect(number(3.55, 1)).toBe('3,6');
    expect(number(1234)).toBe('1.234');
  });

  it('write English with a decimal point', async () => {
    await inLanguage('en');
    expect(percent(0.083)).toBe('8.3%');
    expect(hours(0.1)).toBe('0.1 h');
    expect(number(3.55, 1)).toBe('3.6');
    expect(number(1234)).toBe('1,234');
  });

  it('write a dash for a figure there is nothing to divide by', async () => {
    await inLanguage('de');
    expect(percent(null)).toBe('–');
    expect(hours(null)).toBe('–');
    expect(number(undefined)).toBe('–');
  });
});
