import { describe, expect, it } from 'vitest';
import de from '../web/src/i18n/de.json';
import en from '../web/src/i18n/en.json';
// every feature's registry, as the app loads them before its first request
import '../src/modules';
import { registeredErrorCodes } from '../src/platform/errors';

const codes = registeredErrorCodes();
const catalogues = { de: de.errors as Record<string, unknown>, en: en.errors as Record<string, unknown> };

describe('error translations', () => {
  it('reads the codes of every feature, not just the common ones', () => {
    expect(codes).toEqual(
      expect.arrayContaining([
        'VALIDATION_FAILED',
        'VERIFICATION_LOCKED',
        'EMAIL_CODE_TOO_MANY',
        'COMMITMENT_DUE_IN_PAST',
        'FOLLOW_UP_ALREADY_SCHEDULED',
        'TEMPLATE_INVALID',
      ]),
    );
    expect(codes.length).toBeGreaterThan(40);
  });

  it.each(Object.entries(catalogues))('has a sentence in %s for every registered code', (_, errors) => {
    const missing = codes.filter((code) => typeof errors[code] !== 'string' || !String(errors[code]).trim());
    expect(missing).toEqual([]);
  });

  it('words the same codes in German and English', () => {
    expect(Object.keys(catalogues.de).sort()).toEqual(Object.keys(catalogues.en).sort());
  });

  it('says it in German in the German file', () => {
    // an English sentence copied into de.json would pass the checks above
    const english = codes.filter((code) => catalogues.de[code] === catalogues.en[code]);
    expect(english).toEqual([]);
  });
});
