// Delivery throughput of the outbox to a real SMTP server on loopback (smtp-server), on the
// embedded PGlite and, with BENCH_DATABASE_URL, on PostgreSQL.
//
//   npx tsx bench/messaging.ts                       (PGlite, 2,000 messages)
//   BENCH_MESSAGES=5000 BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/kulanz_bench_mail npx tsx bench/messaging.ts
import { sql } from 'kysely';
import { openDatabase } from '../src/db/database';
import { migrateToLatest } from '../src/db/migrate';
import { seedDemoData } from '../src/demo/seed-demo';
import { createDeliveryWorker, enqueueCaseMessage, smtpTransport } from '../src/modules/messaging';
import { SYSTEM_ACTOR } from '../src/platform/audit';
import { systemClock } from '../src/platform/clock';
import type { UseCaseDeps } from '../src/platform/deps';
import { recordingJobs } from '../src/platform/jobs';
import { startSmtpSink } from '../test/smtp-sink';

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
const url = process.env.BENCH_DATABASE_URL;

async function main() {
  let databaseUrl: string | undefined;
  if (url) {
    const admin = await openDatabase({ databaseUrl: new URL('/postgres', url).toString(), poolSize: 1 });
    const name = new URL(url).pathname.slice(1);
    await sql.raw(`drop database if exists ${name}`).execute(admin.db);
    await sql.raw(`create database ${name}`).execute(admin.db);
    await admin.close();
    databaseUrl = url;
  }
  const database = await openDatabase({ databaseUrl, poolSize: CONCURRENCY + 2 });
  await migrateToLatest(database.db);
  await seedDemoData(database.db, { accounts: 200, secret: 'bench-secret-0123456789abcdef0123456789abcdef' });
  const cases = await database.db
    .selectFrom('cases')
    .innerJoin('accounts', 'accounts.id', 'cases.account_id')
    .select('cases.id')
    .where('accounts.email', 'is not', null)
    .limit(100)
    .execute();
  const sink = await startSmtpSink();
  // the outbox's delivery jobs are recorded, not queued: this worker drains the outbox itself
  const now = new Date();
  const deps: UseCaseDeps = {
    db: database.db,
    clock: { now: () => now },
    actor: SYSTEM_ACTOR,
    secret: 'bench-secret-0123456789abcdef0123456789abcdef',
    config: { timeZone: 'Europe/Berlin', publicUrl: undefined },
    jobs: recordingJobs(),
  };
  let t0 = performance.now();
  for (let i = 0; i < MESSAGES; i += 100) {
    await database.db.transaction().execute(async (trx) => {
      for (let j = i; j < Math.min(MESSAGES, i + 100); j++) {
        await enqueueCaseMessage(trx, deps, {
          kind: 'case_update',
          caseId: cases[j % cases.length]!.id,
          variables: { message: { body: `Nachricht ${j}` } },
        });
      }
    });
  }
  const enqueueS = (performance.now() - t0) / 1000;
  const transport = smtpTransport(sink.url);
  const worker = createDeliveryWorker({
    db: database.db,
    clock: systemClock,
    transport,
    concurrency: CONCURRENCY,
  });
  t0 = performance.now();
  const sent = await worker.runOnce();
  const deliverS = (performance.now() - t0) / 1000;
  transport.close();
  await sink.close();
  const received = sink.received.length;
  console.log(`kulanz outbox delivery  ${new Date().toISOString()}  node ${process.version}`);
  console.log(
    `database: ${database.kind}${url ? ` (${new URL(url).host})` : ''}, worker concurrency ${CONCURRENCY}`,
  );
  console.log(
    `enqueue (render + insert + audit): ${MESSAGES} messages in ${enqueueS.toFixed(2)} s = ${(MESSAGES / enqueueS).toFixed(0)} msg/s`,
  );
  console.log(
    `delivery to local SMTP (claim, send, mark sent, audit): ${sent} in ${deliverS.toFixed(2)} s = ${(sent / deliverS).toFixed(0)} msg/s`,
  );
  console.log(
    `received by the SMTP server: ${received} (exactly once: ${received === MESSAGES ? 'yes' : 'NO'})`,
  );
  await database.close();
  if (received !== MESSAGES) process.exitCode = 1;
}

await main();
