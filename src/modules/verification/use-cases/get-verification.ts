import type { UseCaseDeps } from '../../../platform/deps';
import { DomainError } from '../../../platform/errors';
import { verificationStateOf } from '../../cases';
import { type ConfigFactor, getSetting, LOCKOUT } from '../../settings';
import { VerificationErrors } from '../verification.errors';

/**
 * What the verification panel shows: the rules, who is verified until when, the lock, whom the
 * agent can verify with which factors (enabled ones with a stored secret), and past attempts.
 */
export async function getVerification(deps: Pick<UseCaseDeps, 'db' | 'clock'>, caseId: string) {
  const { db } = deps;
  const now = deps.clock.now();
  const config = await getSetting(db, 'verification');
  const kase = await db
    .selectFrom('cases')
    .innerJoin('accounts', 'accounts.id', 'cases.account_id')
    .leftJoin('account_representatives as rep', 'rep.id', 'cases.verified_representative_id')
    .selectAll('cases')
    .select([
      'accounts.first_name',
      'accounts.last_name',
      'accounts.email',
      'accounts.verification_failures',
      'accounts.verification_locked_until',
      'accounts.verification_flagged_at',
      'rep.first_name as rep_first',
      'rep.last_name as rep_last',
    ])
    .where('cases.id', '=', caseId)
    .executeTakeFirst();
  if (!kase)
    throw new DomainError(VerificationErrors.CASE_NOT_FOUND, `Case ${caseId} does not exist`, {
      field: 'params.id',
    });
  const [reps, secrets, attempts] = await Promise.all([
    db
      .selectFrom('account_representatives')
      .selectAll()
      .where('account_id', '=', kase.account_id)
      .where('revoked_at', 'is', null)
      .execute(),
    db
      .selectFrom('verification_secrets')
      .select(['subject_id', 'factor'])
      .where('account_id', '=', kase.account_id)
      .execute(),
    db
      .selectFrom('verification_attempts')
      .innerJoin('staff_users', 'staff_users.id', 'verification_attempts.actor_id')
      .selectAll('verification_attempts')
      .select('staff_users.display_name')
      .where('case_id', '=', caseId)
      .orderBy('at', 'desc')
      .limit(50)
      .execute(),
  ]);
  const factorsOf = (subjectId: string, holder: boolean): ConfigFactor[] =>
    config.factors.filter((f) =>
      f === 'email_code'
        ? holder && Boolean(kase.email)
        : secrets.some((s) => s.subject_id === subjectId && s.factor === f),
    );
  const locked = Boolean(kase.verification_locked_until && kase.verification_locked_until > now);
  return {
    config: { factors: config.factors, required: config.required, ttlMinutes: config.ttlMinutes },
    state: verificationStateOf(kase, now, kase.rep_first ? `${kase.rep_first} ${kase.rep_last}` : null),
    lock: {
      failures: kase.verification_failures,
      remainingAttempts: locked ? 0 : LOCKOUT.maxFailures - kase.verification_failures,
      locked,
      lockedUntil: locked ? kase.verification_locked_until : null,
      flaggedAt: kase.verification_flagged_at,
    },
    subjects: [
      {
        type: 'holder' as const,
        id: kase.account_id,
        name: `${kase.first_name} ${kase.last_name}`,
        factors: factorsOf(kase.account_id, true),
      },
      ...reps.map((r) => ({
        type: 'representative' as const,
        id: r.id,
        name: `${r.first_name} ${r.last_name}`,
        relationship: r.relationship,
        canCancel: r.can_cancel,
        canRequestRefunds: r.can_request_refunds,
        factors: factorsOf(r.id, false),
      })),
    ],
    attempts: attempts.map((a) => ({
      id: a.id,
      at: a.at,
      actor: { id: a.actor_id, displayName: a.display_name },
      subjectType: a.representative_id ? ('representative' as const) : ('holder' as const),
      representativeId: a.representative_id,
      factors: (typeof a.factors === 'string' ? JSON.parse(a.factors) : a.factors) as string[],
      matched: a.matched,
      succeeded: a.succeeded,
    })),
  };
}
