import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { openRuntime, withOwnerDatabase } from './bootstrap';
import { loadConfig } from './config';
import { DEFAULT_DEMO_SEED, demoAnswers, hasAccounts, seedDemoData } from './demo/seed-demo';
import {
  createStaffUser,
  findStaffByEmail,
  listStaffUsers,
  unlockStaffLogin,
  updateStaffUser,
} from './modules/staff';
import { buildOpenApiDocument } from './openapi';
import type { Actor } from './platform/audit';
import { DomainError } from './platform/errors';
import { recordingJobs } from './platform/jobs';
import { normalizeEmail } from './platform/normalize';
import { ROLES, type Role } from './platform/roles';
import { startServer } from './server';

const HELP = `kulanz — cancellation and refund desk

Usage: kulanz <command> [options]     (npm start runs "start"; npx tsx src/cli.ts <command> runs any)

Commands:
  start [--no-demo] [--demo-accounts N]
        Migrate, load demo data on first start (default 2000 accounts), serve UI and API.
  migrate
        Bring the database schema up to date and exit (as DATABASE_MIGRATION_URL's owner role when set,
        which then grants DATABASE_URL's role what the app needs).
  seed [--accounts N] [--seed S]
        Load deterministic demo data (bulk inserts; N may be 1000000 on PostgreSQL).
        Refuses when the database already has customer accounts.
  demo-answers ACCOUNT_NUMBER [--seed S]
        Print the verification answers of a demo account (e.g. K1000001), to play the caller.
  openapi [--out FILE]
        Print (or write) the OpenAPI document, as /api/openapi.json serves it; needs no database.
  users list
  users create --email E --name NAME --role agent|lead|admin --password P [--locale de|en]
  users deactivate --email E
  users reactivate --email E
  users set-password --email E --password P
  users unlock --email E
        Lift the login throttle on E after failed logins, from every address (audited).

Environment:
  PORT (3000)  HOST (127.0.0.1)  KULANZ_DATA_DIR (./data, embedded PGlite)
  DATABASE_URL (use PostgreSQL instead; best an ordinary role)  DATABASE_MIGRATION_URL (the owner role: runs migrations)
  KULANZ_SECRET (server secret, >= 32 chars; required in production)
  SMTP_URL (none: built-in mailbox)  SMTP_FROM  KULANZ_OUTBOX_POLL_MS (10000)  KULANZ_PUBLIC_URL (links in e-mails)
  KULANZ_TRUST_PROXY (none: proxy addresses/CIDRs whose X-Forwarded-* headers are believed)
  KULANZ_TIME_ZONE (Europe/Berlin)  LOG_LEVEL (info)  LOG_FORMAT (pretty; json in production)
  KULANZ_EVIDENCE_MAX_BYTES (5242880: per refund evidence file)  KULANZ_EVIDENCE_MAX_FILES (10 per request)
`;

const CLI_ACTOR: Actor = { id: null, role: 'system', requestId: 'cli' };

type CliRuntime = Awaited<ReturnType<typeof openRuntime>> & { jobs: ReturnType<typeof recordingJobs> };

async function withRuntime<T>(fn: (rt: CliRuntime) => Promise<T>): Promise<T> {
  const rt = { ...(await openRuntime(loadConfig())), jobs: recordingJobs() };
  try {
    const result = await fn(rt);
    // a command-line tool runs no workers: work it scheduled would wait for a server to pick it up
    if (rt.jobs.sent.length)
      throw new Error(
        `this command scheduled ${rt.jobs.sent.map((j) => j.name).join(', ')}; run it through the server`,
      );
    return result;
  } finally {
    await rt.database.close();
  }
}

async function users(args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  const { values } = parseArgs({
    args: rest,
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      password: { type: 'string' },
      locale: { type: 'string', default: 'de' },
    },
  });
  await withRuntime(async (rt) => {
    const deps = { ...rt, actor: CLI_ACTOR };
    const byEmail = async () => {
      if (!values.email) throw new Error('--email is required');
      const user = await findStaffByEmail(rt.db, normalizeEmail(values.email));
      if (!user) throw new Error(`no staff user with e-mail ${values.email}`);
      return user;
    };
    switch (sub) {
      case 'list': {
        for (const u of await listStaffUsers(deps)) {
          console.log(
            `${u.is_active ? 'active  ' : 'inactive'} ${u.role.padEnd(6)} ${u.email.padEnd(32)} ${u.display_name}${u.login_blocked ? '  (login blocked: users unlock)' : ''}`,
          );
        }
        return;
      }
      case 'create': {
        if (!values.email || !values.name || !values.password || !values.role) {
          throw new Error('users create needs --email, --name, --role and --password');
        }
        if (!ROLES.includes(values.role as Role))
          throw new Error(`--role must be one of ${ROLES.join(', ')}`);
        if (values.password.length < 10) throw new Error('--password must have at least 10 characters');
        const u = await createStaffUser(deps, {
          email: values.email,
          displayName: values.name,
          role: values.role as Role,
          password: values.password,
          locale: values.locale === 'en' ? 'en' : 'de',
        });
        console.log(`created ${u.role} ${u.email} (${u.id})`);
        return;
      }
      case 'deactivate':
      case 'reactivate': {
        const u = await byEmail();
        await updateStaffUser(deps, { id: u.id, isActive: sub === 'reactivate' });
        console.log(`${sub}d ${u.email}`);
        return;
      }
      case 'set-password': {
        const u = await byEmail();
        if (!values.password || values.password.length < 10)
          throw new Error('--password must have at least 10 characters');
        await updateStaffUser(deps, { id: u.id, password: values.password });
        console.log(`password changed for ${u.email}; their sessions were ended`);
        return;
      }
      case 'unlock': {
        const u = await byEmail();
        await unlockStaffLogin(deps, { id: u.id });
        console.log(`login unlocked for ${u.email}: failed logins no longer count, from any address`);
        return;
      }
      default:
        throw new Error(`unknown users command "${sub ?? ''}"; see --help`);
    }
  });
}

export async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    console.log(HELP);
    return;
  }
  switch (command) {
    case 'start': {
      const { values } = parseArgs({
        args: rest,
        options: {
          'no-demo': { type: 'boolean', default: false },
          'demo-accounts': { type: 'string', default: '2000' },
        },
      });
      const server = await startServer(loadConfig(), {
        demo: !values['no-demo'],
        demoAccounts: Number(values['demo-accounts']),
      });
      for (const signal of ['SIGINT', 'SIGTERM'] as const) {
        process.once(signal, () => {
          void server.stop().then(() => process.exit(0));
        });
      }
      return;
    }
    case 'migrate': {
      await withRuntime(async (rt) => {
        console.log(rt.migrated.length ? `applied: ${rt.migrated.join(', ')}` : 'schema is up to date');
      });
      return;
    }
    case 'seed': {
      const { values } = parseArgs({
        args: rest,
        options: {
          accounts: { type: 'string', default: '2000' },
          seed: { type: 'string', default: String(DEFAULT_DEMO_SEED) },
        },
      });
      const accounts = Number(values.accounts);
      const seed = Number(values.seed);
      if (!Number.isInteger(accounts) || accounts < 0) throw new Error('--accounts must be a whole number');
      if (!Number.isInteger(seed)) throw new Error('--seed must be a whole number');
      await withRuntime(async (rt) => {
        if (await hasAccounts(rt.db)) {
          throw new Error(
            'this database already has customer accounts; demo data is only loaded into an empty one ' +
              '(use a fresh KULANZ_DATA_DIR or database)',
          );
        }
        // as the owner role when there is one: a large seed drops and rebuilds indexes
        const result = await withOwnerDatabase(rt, (database) =>
          seedDemoData(database.db, {
            accounts,
            seed,
            secret: rt.secret,
            parallel: database.kind === 'postgres' ? 2 : 1,
            history: true,
            log: (l) => console.log(l),
          }),
        );
        const seconds = result.ms / 1000;
        console.log(
          `seeded ${result.accounts} accounts (${result.rows} rows) in ${seconds.toFixed(1)} s, ` +
            `${Math.round(result.rows / Math.max(seconds, 0.001))} rows/s`,
        );
      });
      return;
    }
    case 'demo-answers': {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: { seed: { type: 'string', default: String(DEFAULT_DEMO_SEED) } },
      });
      const number = positionals[0];
      if (!number) throw new Error('demo-answers needs an account number, e.g. K1000001');
      const answers = demoAnswers(number, Number(values.seed));
      if (!answers) throw new Error(`${number} is not a demo account number (K1000001, K1000002, ...)`);
      const print = (title: string, a: Record<string, string>) => {
        console.log(title);
        for (const [factor, value] of Object.entries(a)) console.log(`  ${factor.padEnd(16)} ${value}`);
      };
      print(`${answers.accountNumber}  ${answers.fullName} (holder)`, answers.answers);
      for (const r of answers.representatives) {
        const scopes = [r.canCancel ? 'may cancel' : '', r.canRequestRefunds ? 'may request refunds' : '']
          .filter(Boolean)
          .join(', ');
        print(
          `${r.fullName} (representative: ${r.relationship}${scopes ? `; ${scopes}` : ''}${r.isRevoked ? '; revoked' : ''})`,
          r.answers,
        );
      }
      return;
    }
    case 'openapi': {
      const { values } = parseArgs({ args: rest, options: { out: { type: 'string' } } });
      const json = `${JSON.stringify(await buildOpenApiDocument(loadConfig()), null, 2)}\n`;
      if (!values.out) {
        process.stdout.write(json);
        return;
      }
      mkdirSync(dirname(values.out), { recursive: true });
      writeFileSync(values.out, json);
      console.log(`wrote ${values.out}`);
      return;
    }
    case 'users':
      await users(rest);
      return;
    default:
      throw new Error(`unknown command "${command}"; run with --help`);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const message =
    error instanceof DomainError
      ? `${error.code}: ${error.message}`
      : error instanceof Error
        ? error.message
        : String(error);
  console.error(`kulanz: ${message}`);
  process.exit(1);
});
