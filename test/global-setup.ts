import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../src/db/database';
import { migrateToLatest } from '../src/db/migrate';
import { seedDemoData } from '../src/demo/seed-demo';
import { openJobs } from '../src/platform/jobs';
import { ensureServerSecret } from '../src/platform/server-secret';
import { TEST_NOW, TEST_SECRET, TEST_SEED_ACCOUNTS } from './constants';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    postgresTemplate: string;
  }
}

const TMP = join(import.meta.dirname, '..', '.tmp');

/**
 * Prepares one migrated, seeded database per run; every test file then starts from a copy
 * (a PGlite data-folder dump, or CREATE DATABASE ... TEMPLATE on PostgreSQL), so no test
 * pays for initdb and no test sees another's rows. Each project names its kind: the project's
 * env is not applied to the process that runs global setup.
 */
export async function prepareTemplate(project: TestProject, kind: 'pglite' | 'postgres') {
  if (kind === 'postgres') {
    const url = process.env.TEST_DATABASE_URL!;
    const template = `kulanz_tpl_${process.pid}`;
    const admin = await openDatabase({ databaseUrl: url, poolSize: 1 });
    const { sql } = await import('kysely');
    await sql.raw(`drop database if exists ${template}`).execute(admin.db);
    await sql.raw(`create database ${template}`).execute(admin.db);
    const u = new URL(url);
    u.pathname = `/${template}`;
    const tpl = await openDatabase({ databaseUrl: u.toString(), poolSize: 1 });
    await migrateToLatest(tpl.db);
    await ensureServerSecret(tpl.db, TEST_SECRET);
    await seedDemoData(tpl.db, { accounts: TEST_SEED_ACCOUNTS, now: TEST_NOW, secret: TEST_SECRET });
    await (await openJobs(tpl)).stop(); // the job queue's schema, so no test file creates it
    await tpl.close();
    project.provide('postgresTemplate', template);
    project.provide('pgliteTemplate', '');
    return async () => {
      await sql.raw(`drop database if exists ${template}`).execute(admin.db);
      await admin.close();
    };
  }
  const db = await openDatabase({});
  await migrateToLatest(db.db);
  await seedDemoData(db.db, { accounts: TEST_SEED_ACCOUNTS, now: TEST_NOW, secret: TEST_SECRET });
  await (await openJobs(db)).stop();
  const dump = await db.pglite!.dumpDataDir('none');
  await db.close();
  mkdirSync(TMP, { recursive: true });
  const file = join(TMP, `pglite-template-${process.pid}.tar`);
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteTemplate', file);
  project.provide('postgresTemplate', '');
}
