import { sql } from 'kysely';
import type { Executor } from './audit';
import { newToken } from './ids';

const KEY = 'internal.server_secret';

/**
 * The server secret for keyed hashes and CSRF tokens. KULANZ_SECRET wins; without it (demo,
 * development) one is generated once and kept in the settings table, so every instance on the
 * same database agrees. Production sets KULANZ_SECRET so the hashes are useless without it.
 */
export async function ensureServerSecret(db: Executor, configured: string | undefined): Promise<string> {
  if (configured) return configured;
  const candidate = JSON.stringify(newToken(48));
  await sql`insert into settings (key, value, updated_at) values (${KEY}, ${candidate}::jsonb, now()) on conflict (key) do nothing`.execute(
    db,
  );
  const row = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', KEY)
    .executeTakeFirstOrThrow();
  return row.value as string;
}
