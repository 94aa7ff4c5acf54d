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
// A project does not inherit the root's test options: each names its time limits itself, so a busy
// machine (two cores, several suites) slows tests down instead of failing them at vitest's 5 s / 10 s.
const limits = { testTimeout: 30_000, hookTimeout: 60_000 };

export default defineConfig({
  test: {
    reporters: ['default', './test/summary-reporter.ts'],
    ...limits,
    projects: [
      {
        test: {
          ...limits,
          name: 'unit',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: integration,
        },
      },
      {
        test: {
          ...limits,
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
                ...limits,
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
                ...limits,
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
