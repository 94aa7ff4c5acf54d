import type { UseCaseDeps } from '../../../platform/deps';
import { findAccountOrThrow, listActiveRepresentatives } from '../../accounts';
import { findCaseOrThrow } from '../../cases';
import {
  findCaseVerification,
  findLockout,
  listAttempts,
  listSecretFactors,
} from '../verification.repository';
import { type ConfigFactor, LOCKOUT, loadVerificationSettings } from '../verification-settings';
import { lockStateOf, verificationStateOf } from '../verification-state';

/**
 * What the verification panel shows: the rules, who is verified until when, the lock, whom the
 * agent can verify with which factors (enabled ones with a stored secret), and past attempts.
 */
export async function getVerification(deps: UseCaseDeps, input: { caseId: string }) {
  const { db } = deps;
  const now = deps.clock.now();
  const kase = await findCaseOrThrow(db, input.caseId);
  const [config, account, verification, lockout, reps, secrets, attempts] = await Promise.all([
    loadVerificationSettings(db),
    findAccountOrThrow(db, kase.account_id),
    findCaseVerification(db, kase.id),
    findLockout(db, kase.account_id),
    listActiveRepresentatives(db, kase.account_id),
    listSecretFactors(db, kase.account_id),
    listAttempts(db, kase.id),
  ]);
  const factorsOf = (subjectId: string, holder: boolean): ConfigFactor[] =>
    config.factors.filter((f) =>
      f === 'email_code'
        ? holder && Boolean(account.email)
        : secrets.some((s) => s.subject_id === subjectId && s.factor === f),
    );
  const lock = lockStateOf(lockout, now);
  const repName = kase.rep_first_name ? `${kase.rep_first_name} ${kase.rep_last_name}` : null;
  return {
    config: { factors: config.factors, required: config.required, ttlMinutes: config.ttlMinutes },
    state: verificationStateOf(verification, now, repName),
    lock: { ...lock, remainingAttempts: lock.locked ? 0 : LOCKOUT.maxFailures - lock.failures },
    subjects: [
      {
        type: 'holder' as const,
        id: kase.account_id,
        name: `${account.first_name} ${account.last_name}`,
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
