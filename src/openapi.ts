import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler } from 'kysely';
import { buildApp } from './app';
import type { AppConfig } from './config';
import type { DB } from './db/schema';
import { systemClock } from './platform/clock';
import { recordingJobs } from './platform/jobs';

/**
 * The OpenAPI document of the app as `GET /api/openapi.json` serves it, built without a server or
 * a database: routes only describe themselves, so a database that never connects is enough.
 */
export async function buildOpenApiDocument(config: AppConfig): Promise<Record<string, unknown>> {
  const offline = new Kysely<DB>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) => new PostgresIntrospector(db),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  });
  const app = await buildApp({
    db: offline,
    clock: systemClock,
    config,
    // never used: no request is served
    secret: 'openapi-document-only-'.padEnd(32, '-'),
    jobs: recordingJobs(),
    webDist: '/nonexistent',
  });
  try {
    await app.ready();
    return app.swagger() as unknown as Record<string, unknown>;
  } finally {
    await app.close();
  }
}
