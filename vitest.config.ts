import { existsSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

// Which tiers run here, and why the others do not: printed so that nothing is skipped silently.
const postgresUrl = process.env.TEST_DATABASE_URL;
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasChromium = existsSync(chromium);
const notes = [
  'unit: runs',
  'integration on PGlite: runs',
  postgresUrl
    ? 'integration on PostgreSQL: runs (TEST_DATABASE_URL)'
    : 'integration on PostgreSQL: NOT RUN — set TEST_DATABASE_URL to run it',
  hasChromium
    ? `browser: runs (${chromium})`
    : `browser: NOT RUN — no Chromium at ${chromium} (apt-get install chromium)`,
];
console.log(`\nkulanz test tiers:\n  ${notes.join('\n  ')}\n`);

const integration = ['src/**/*.int.test.ts', 'test/**/*.int.test.ts'];

export default defineConfig({
  test: {
    reporters: ['default', './test/summary-reporter.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      { test: { name: 'unit', include: ['src/**/*.test.ts', 'test/**/*.test.ts'], exclude: integration } },
      {
        test: {
          name: 'int-pglite',
          include: integration,
          globalSetup: ['test/global-setup-pglite.ts'],
          env: { KULANZ_TEST_DB: 'pglite' },
        },
      },
      ...(postgresUrl
        ? [
            {
              test: {
                name: 'int-postgres',
                include: integration,
                globalSetup: ['test/global-setup-postgres.ts'],
                env: { KULANZ_TEST_DB: 'postgres', TEST_DATABASE_URL: postgresUrl },
              },
            },
          ]
        : []),
      ...(hasChromium
        ? [
            {
              test: {
                name: 'e2e',
                include: ['e2e/**/*.spec.ts'],
                globalSetup: ['test/global-setup-pglite.ts'],
                env: { KULANZ_TEST_DB: 'pglite', CHROMIUM_PATH: chromium },
                fileParallelism: false,
                testTimeout: 60_000,
              },
            },
          ]
        : []),
    ],
  },
});
