import type { Insertable } from 'kysely';
import type { Executor } from '../../platform/audit';
import type { VerificationEmailCodesTable } from './email-code.table';
import type { CaseVerificationsTable, VerificationAttemptsTable } from './verification.table';
import type { VerificationFactor } from './verification-settings';

// ---- the lockout (per account) -------------------------------------------------------------------

export interface Lockout {
  failures: number;
  locked_until: Date | null;
  flagged_at: Date | null;
}

const NO_LOCKOUT: Lockout = { failures: 0, locked_until: null, flagged_at: null };

/** The account's lockout; an account that never failed has none and reads as zero failures. */
export async function findLockout(db: Executor, accountId: string): Promise<Lockout> {
  const row = await db
    .selectFrom('verification_lockouts')
    .select(['failures', 'locked_until', 'flagged_at'])
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  return row ?? NO_LOCKOUT;
}

/** Stores the failures after an attempt and, when it locked, the lock and the flag. */
export async function saveLockout(
  trx: Executor,
  accountId: string,
  change: { failures: number; lockedUntil: Date | null; flaggedAt: Date | null },
): Promise<void> {
  const set = {
    failures: change.failures,
    ...(change.lockedUntil ? { locked_until: change.lockedUntil, flagged_at: change.flaggedAt } : {}),
  };
  await trx
    .insertInto('verification_lockouts')
    .values({ account_id: accountId, locked_until: null, flagged_at: null, ...set })
    .onConflict((oc) => oc.column('account_id').doUpdateSet(set))
    .execute();
}

/** Lifts the lock and forgets the failures; the flag stays on the account's record. */
export async function clearLock(trx: Executor, accountId: string): Promise<void> {
  await trx
    .updateTable('verification_lockouts')
    .set({ locked_until: null, failures: 0 })
    .where('account_id', '=', accountId)
    .execute();
}

// ---- who is verified on a case -------------------------------------------------------------------

export function findCaseVerification(db: Executor, caseId: string) {
  return db.selectFrom('case_verifications').selectAll().where('case_id', '=', caseId).executeTakeFirst();
}

/** The case's verification from now on (it replaces an earlier one). */
export async function saveCaseVerification(
  trx: Executor,
  row: Insertable<CaseVerificationsTable>,
): Promise<void> {
  const { case_id: _, ...set } = row;
  await trx
    .insertInto('case_verifications')
    .values(row)
    .onConflict((oc) => oc.column('case_id').doUpdateSet(set))
    .execute();
}

// ---- secrets and attempts ------------------------------------------------------------------------

/** Which factors have a stored secret, for the holder and each representative of the account. */
export function listSecretFactors(db: Executor, accountId: string) {
  return db
    .selectFrom('verification_secrets')
    .select(['subject_id', 'factor'])
    .where('account_id', '=', accountId)
    .execute();
}

export function findSecretsOf(db: Executor, subjectId: string) {
  return db
    .selectFrom('verification_secrets')
    .select(['factor', 'secret_hash'])
    .where('subject_id', '=', subjectId)
    .execute() as Promise<Array<{ factor: VerificationFactor; secret_hash: string }>>;
}

export async function insertAttempt(
  trx: Executor,
  row: Insertable<VerificationAttemptsTable>,
): Promise<void> {
  await trx.insertInto('verification_attempts').values(row).execute();
}

/** The case's latest attempts, newest first, with the agent who typed them by name. */
export function listAttempts(db: Executor, caseId: string) {
  return db
    .selectFrom('verification_attempts')
    .innerJoin('staff_users', 'staff_users.id', 'verification_attempts.actor_id')
    .selectAll('verification_attempts')
    .select('staff_users.display_name')
    .where('case_id', '=', caseId)
    .orderBy('at', 'desc')
    .limit(50)
    .execute();
}

// ---- e-mail codes --------------------------------------------------------------------------------

export async function countCodesSince(trx: Executor, caseId: string, since: Date): Promise<number> {
  const row = await trx
    .selectFrom('verification_email_codes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('case_id', '=', caseId)
    .where('created_at', '>', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A new code replaces every earlier one on the case that is still open. */
export async function supersedeCodes(trx: Executor, caseId: string, now: Date): Promise<void> {
  await trx
    .updateTable('verification_email_codes')
    .set({ superseded_at: now })
    .where('case_id', '=', caseId)
    .where('used_at', 'is', null)
    .where('superseded_at', 'is', null)
    .execute();
}

export async function insertCode(trx: Executor, row: Insertable<VerificationEmailCodesTable>): Promise<void> {
  await trx.insertInto('verification_email_codes').values(row).execute();
}

/** Ties the code to the message that carries it, so a retry finds the code by its message. */
export async function attachCodeMessage(trx: Executor, codeId: string, messageId: string): Promise<void> {
  await trx
    .updateTable('verification_email_codes')
    .set({ message_id: messageId })
    .where('id', '=', codeId)
    .execute();
}

export function findCodeByMessage(db: Executor, messageId: string) {
  return db
    .selectFrom('verification_email_codes')
    .select(['id', 'sent_to', 'expires_at', 'message_id'])
    .where('message_id', '=', messageId)
    .executeTakeFirst();
}

/** The case's current code (neither used nor replaced), locked for the comparison. */
export function lockCurrentCode(trx: Executor, caseId: string) {
  return trx
    .selectFrom('verification_email_codes')
    .selectAll()
    .where('case_id', '=', caseId)
    .where('used_at', 'is', null)
    .where('superseded_at', 'is', null)
    .orderBy('created_at', 'desc')
    .forUpdate()
    .executeTakeFirst();
}

export async function recordCodeTry(
  trx: Executor,
  codeId: string,
  change: { attempts: number; usedAt: Date | null },
): Promise<void> {
  await trx
    .updateTable('verification_email_codes')
    .set(
      change.usedAt ? { attempts: change.attempts, used_at: change.usedAt } : { attempts: change.attempts },
    )
    .where('id', '=', codeId)
    .execute();
}
