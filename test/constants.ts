/** The instant the test template's demo data was generated at. */
export const TEST_NOW = new Date('2026-11-02T09:00:00Z');
export const TEST_SECRET = 'test-secret-0123456789abcdef0123456789abcdef';
/** Small, so the template is quick to build; large enough for every account shape. */
export const TEST_SEED_ACCOUNTS = 120;
