import { sql } from 'kysely';
import type { Executor } from './audit';

/**
 * Serialises every transaction that counts against one limit ("3 e-mail codes per case in 10
 * minutes", "5 failed logins per e-mail and address", a customer's goodwill per 12 months): the
 * first to arrive holds a transaction-scoped advisory lock on the key, the others wait for its
 * commit and then count what it inserted. Call it first in the transaction, before counting;
 * the lock ends with the transaction. Keys name their limit: `email-code:${caseId}`.
 */
export async function serializeLimit(trx: Executor, key: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`.execute(trx);
}
