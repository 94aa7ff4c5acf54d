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
// Inline projects do not inherit the root's test options: without these each project would run on
// vitest's defaults (5 s per test, 10 s per hook), which a loaded 2-core machine exceeds.
const timeouts = { testTimeout: 30_000, hookTimeout: 60_000 };

export default defineConfig({
  test: {
    reporters: ['default', './test/summary-reporter.ts'],
    ...timeouts,
    projects: [
      {
        test: {
          ...timeouts,
          name: 'unit',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: integration,
        },
      },
      {
        test: {
          ...timeouts,
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
                ...timeouts,
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
                ...timeouts,
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
