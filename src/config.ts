import { isIP } from 'node:net';
import { z } from 'zod';

/** Names Fastify (proxy-addr) knows for address ranges, usable in KULANZ_TRUST_PROXY. */
const PROXY_RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/**
 * The reverse proxies whose X-Forwarded-For / -Proto / -Host kulanz believes: a comma-separated
 * list of addresses, CIDR ranges or the names loopback, linklocal, uniquelocal. A hop count or
 * `true` is refused: a hop count cannot be checked against the connecting address (Fastify then
 * believes no forwarded header at all), and `true` believes every client.
 */
const trustProxySchema = z
  .string()
  .optional()
  .transform((value, ctx) => {
    if (value === undefined) return [];
    const entries = value
      .split(',')
      .map((e) => e.trim())
      .filter(Boolean);
    for (const entry of entries) {
      if (isProxyAddress(entry)) continue;
      ctx.addIssue({
        code: 'custom',
        message:
          entry === 'true' || entry === '*'
            ? `"${entry}" would believe every client's X-Forwarded-* headers; list the proxy's addresses`
            : /^\d+$/.test(entry)
              ? `"${entry}": a hop count cannot be checked against the connecting address; list the proxy's addresses`
              : `"${entry}" is not an IP address, a CIDR range (10.0.0.0/8) or one of ${PROXY_RANGE_NAMES.join(', ')}`,
      });
    }
    return entries;
  });

function isProxyAddress(entry: string): boolean {
  if (PROXY_RANGE_NAMES.includes(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (!family || rest.length) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  /** Folder of the embedded PGlite database (ignored when DATABASE_URL is set). */
  KULANZ_DATA_DIR: z.string().default('./data'),
  /** The app's own connection to PostgreSQL: best an ordinary role that owns nothing (README, Security). */
  DATABASE_URL: z.string().url().optional(),
  /** The owner role's connection: runs the migrations and grants the app role what it needs. */
  DATABASE_MIGRATION_URL: z.string().url().optional(),
  /** Connections to PostgreSQL per instance (see the README's Benchmarks section for the sizing). */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(500).optional(),
  /** 'off' behind a connection pooler that cannot keep prepared statements (PgBouncer in transaction mode before 1.21). */
  DATABASE_PREPARED_STATEMENTS: z.enum(['on', 'off']).default('on'),
  /** Server secret for keyed hashes of verification factors and CSRF tokens. */
  KULANZ_SECRET: z.string().min(32).optional(),
  SMTP_URL: z.string().optional(),
  /** Sender of customer e-mails. */
  SMTP_FROM: z.string().default('kulanz <no-reply@kulanz.test>'),
  /** How often the outbox worker sweeps for due messages a job did not announce, in milliseconds. */
  KULANZ_OUTBOX_POLL_MS: z.coerce.number().int().min(50).max(600_000).default(10_000),
  /** The company's time zone: business dates (windows, due dates) are computed here. */
  KULANZ_TIME_ZONE: z.string().default('Europe/Berlin'),
  KULANZ_PUBLIC_URL: z.string().url().optional(),
  /** How long a resolved session is remembered per instance, in milliseconds; 0: asked on every request. */
  KULANZ_SESSION_CACHE_MS: z.coerce.number().int().min(0).max(60_000).default(5_000),
  KULANZ_TRUST_PROXY: trustProxySchema,
  /** The largest evidence file a refund request takes, in bytes (default 5 MiB). */
  KULANZ_EVIDENCE_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(50 * 1024 * 1024)
    .default(5 * 1024 * 1024),
  /** How many evidence files one refund request takes at most. */
  KULANZ_EVIDENCE_MAX_FILES: z.coerce.number().int().min(1).max(100).default(10),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** pretty: readable lines; json: one object a line. Default: json in production, pretty otherwise. */
  LOG_FORMAT: z.enum(['pretty', 'json']).optional(),
  NODE_ENV: z.string().default('development'),
});

export type Env = z.infer<typeof envSchema>;

export interface AppConfig {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /** When set, migrations run as this (owner) role and the app connects with databaseUrl only to read and write rows. */
  databaseMigrationUrl: string | undefined;
  databasePoolSize: number | undefined;
  databasePreparedStatements: boolean;
  secret: string | undefined;
  smtpUrl: string | undefined;
  smtpFrom: string;
  outboxPollMs: number;
  timeZone: string;
  publicUrl: string | undefined;
  /** How long a resolved session is remembered (see modules/staff/session-cache.ts); 0: not at all. */
  sessionCacheMs: number;
  /** Reverse proxies (addresses, CIDR ranges) whose X-Forwarded-* headers are believed; empty: none. */
  trustProxy: string[];
  /** The largest evidence file of a refund request, in bytes (KULANZ_EVIDENCE_MAX_BYTES). */
  evidenceMaxBytes: number;
  /** Evidence files per refund request at most (KULANZ_EVIDENCE_MAX_FILES). */
  evidenceMaxFiles: number;
  logLevel: Env['LOG_LEVEL'];
  logFormat: 'pretty' | 'json';
  isProduction: boolean;
}

/** Parses the environment once; a bad value fails start-up with the variable's name. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  // An empty variable (DATABASE_URL=) means unset, as in most tools.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.DATABASE_MIGRATION_URL && !e.DATABASE_URL)
    throw new Error(
      'Invalid environment:\n  DATABASE_MIGRATION_URL: is the owner role for DATABASE_URL; set DATABASE_URL too (the app role)',
    );
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: e.KULANZ_DATA_DIR,
    databaseUrl: e.DATABASE_URL,
    databaseMigrationUrl: e.DATABASE_MIGRATION_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    databasePreparedStatements: e.DATABASE_PREPARED_STATEMENTS === 'on',
    secret: e.KULANZ_SECRET,
    smtpUrl: e.SMTP_URL,
    smtpFrom: e.SMTP_FROM,
    outboxPollMs: e.KULANZ_OUTBOX_POLL_MS,
    timeZone: e.KULANZ_TIME_ZONE,
    publicUrl: e.KULANZ_PUBLIC_URL,
    sessionCacheMs: e.KULANZ_SESSION_CACHE_MS,
    trustProxy: e.KULANZ_TRUST_PROXY,
    evidenceMaxBytes: e.KULANZ_EVIDENCE_MAX_BYTES,
    evidenceMaxFiles: e.KULANZ_EVIDENCE_MAX_FILES,
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT ?? (e.NODE_ENV === 'production' ? 'json' : 'pretty'),
    isProduction: e.NODE_ENV === 'production',
  };
}
