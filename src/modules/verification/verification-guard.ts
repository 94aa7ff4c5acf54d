import type { Executor } from '../../platform/audit';
import type { Clock } from '../../platform/clock';
import { DomainError } from '../../platform/errors';
import { findCaseOrThrow } from '../cases';
import { VerificationErrors } from './verification.errors';
import { findCaseVerification } from './verification.repository';

/** What a change needs the caller to be allowed: any change, a cancellation, or a refund request. */
export type GuardedAction = 'change' | 'cancel' | 'refund';

export interface VerifiedCaller {
  caseId: string;
  accountId: string;
  subjectType: 'holder' | 'representative' | 'override';
  representativeId: string | null;
  expiresAt: Date;
}

/**
 * The one server-side guard every change to an account calls first: the case's caller must be
 * verified (or a lead overrode it with a reason), the verification must not have expired, it must
 * be for this account, and a representative must hold the scope for the action. Call it inside the
 * change's transaction so the check and the change see the same row.
 */
export async function assertCaseVerified(
  db: Executor,
  clock: Clock,
  input: { caseId: string; accountId?: string; action: GuardedAction },
): Promise<VerifiedCaller> {
  const v = await findCaseVerification(db, input.caseId);
  // no verification row: the case may not exist, belong elsewhere, or be unverified (in that order)
  const accountId = v?.account_id ?? (await findCaseOrThrow(db, input.caseId, 'caseId')).account_id;
  if (input.accountId && accountId !== input.accountId)
    throw new DomainError(
      VerificationErrors.VERIFICATION_CASE_MISMATCH,
      'The case belongs to another account',
      {
        field: 'caseId',
      },
    );
  if (!v)
    throw new DomainError(
      VerificationErrors.VERIFICATION_REQUIRED,
      'Verify the caller on this case before changing the account',
      { field: 'caseId' },
    );
  if (v.expires_at.getTime() <= clock.now().getTime())
    throw new DomainError(
      VerificationErrors.VERIFICATION_EXPIRED,
      'The verification on this case has expired',
      {
        field: 'caseId',
        expiredAt: v.expires_at.toISOString(),
      },
    );
  if (v.subject_type === 'representative') {
    const allowed =
      input.action === 'cancel' ? v.can_cancel : input.action === 'refund' ? v.can_request_refunds : true;
    if (!allowed)
      throw new DomainError(
        VerificationErrors.REPRESENTATIVE_SCOPE_MISSING,
        input.action === 'cancel'
          ? 'The representative may not cancel'
          : 'The representative may not request refunds',
        { field: 'caseId', action: input.action },
      );
  }
  return {
    caseId: v.case_id,
    accountId: v.account_id,
    subjectType: v.subject_type,
    representativeId: v.representative_id,
    expiresAt: v.expires_at,
  };
}
