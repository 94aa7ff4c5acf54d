import type { Executor } from '../../platform/audit';
import type { Clock } from '../../platform/clock';
import { DomainError } from '../../platform/errors';
import { VerificationErrors } from './verification.errors';

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
  const c = await db
    .selectFrom('cases')
    .select([
      'id',
      'account_id',
      'verified_at',
      'verification_expires_at',
      'verified_subject_type',
      'verified_representative_id',
      'verified_can_cancel',
      'verified_can_request_refunds',
    ])
    .where('id', '=', input.caseId)
    .executeTakeFirst();
  if (!c)
    throw new DomainError(VerificationErrors.CASE_NOT_FOUND, `Case ${input.caseId} does not exist`, {
      field: 'caseId',
    });
  if (input.accountId && c.account_id !== input.accountId) {
    throw new DomainError(
      VerificationErrors.VERIFICATION_CASE_MISMATCH,
      'The case belongs to another account',
      {
        field: 'caseId',
      },
    );
  }
  if (!c.verified_at || !c.verification_expires_at || !c.verified_subject_type) {
    throw new DomainError(
      VerificationErrors.VERIFICATION_REQUIRED,
      'Verify the caller on this case before changing the account',
      {
        field: 'caseId',
      },
    );
  }
  if (c.verification_expires_at.getTime() <= clock.now().getTime()) {
    throw new DomainError(
      VerificationErrors.VERIFICATION_EXPIRED,
      'The verification on this case has expired',
      {
        field: 'caseId',
        expiredAt: c.verification_expires_at.toISOString(),
      },
    );
  }
  if (c.verified_subject_type === 'representative') {
    const allowed =
      input.action === 'cancel'
        ? c.verified_can_cancel
        : input.action === 'refund'
          ? c.verified_can_request_refunds
          : true;
    if (!allowed) {
      throw new DomainError(
        VerificationErrors.REPRESENTATIVE_SCOPE_MISSING,
        input.action === 'cancel'
          ? 'The representative may not cancel'
          : 'The representative may not request refunds',
        { field: 'caseId', action: input.action },
      );
    }
  }
  return {
    caseId: c.id,
    accountId: c.account_id,
    subjectType: c.verified_subject_type,
    representativeId: c.verified_representative_id,
    expiresAt: c.verification_expires_at,
  };
}
