import type { CaseVerificationsTable } from './verification.table';

// Plain functions and types only: cases (whose case view shows the state) calls them, and
// verification calls cases, so nothing here may be needed while the modules are still loading.
// The state's response schema stays with the case view's schemas in cases (cases.schemas.ts).

/** Who is verified on a case right now, as the case view and the verification panel show it. */
export interface VerificationState {
  state: 'unverified' | 'verified' | 'expired' | 'override';
  subjectType: 'holder' | 'representative' | 'override' | null;
  representativeId: string | null;
  representativeName: string | null;
  canCancel: boolean;
  canRequestRefunds: boolean;
  verifiedAt: Date | null;
  expiresAt: Date | null;
}

/** A case's verification row as a left join reads it: every column null when nobody was verified. */
export type CaseVerificationColumns = {
  [K in Exclude<keyof CaseVerificationsTable, 'case_id' | 'account_id'>]: CaseVerificationsTable[K] | null;
};

/** Who is verified on a case right now, derived from its verification row and the clock (never stored). */
export function verificationStateOf(
  row: CaseVerificationColumns | null | undefined,
  now: Date,
  representativeName: string | null = null,
): VerificationState {
  const base = {
    subjectType: row?.subject_type ?? null,
    representativeId: row?.representative_id ?? null,
    representativeName,
    verifiedAt: row?.verified_at ?? null,
    expiresAt: row?.expires_at ?? null,
  };
  if (!row?.verified_at || !row.expires_at || !row.subject_type)
    return { ...base, state: 'unverified', canCancel: false, canRequestRefunds: false };
  if (row.expires_at <= now) return { ...base, state: 'expired', canCancel: false, canRequestRefunds: false };
  return {
    ...base,
    state: row.subject_type === 'override' ? 'override' : 'verified',
    canCancel: row.can_cancel ?? false,
    canRequestRefunds: row.can_request_refunds ?? false,
  };
}

/** The lock as the account view and the verification panel show it. */
export function lockStateOf(
  lockout: { failures: number | null; locked_until: Date | null; flagged_at: Date | null },
  now: Date,
) {
  const locked = Boolean(lockout.locked_until && lockout.locked_until > now);
  return {
    failures: lockout.failures ?? 0,
    locked,
    lockedUntil: locked ? lockout.locked_until : null,
    flaggedAt: lockout.flagged_at,
  };
}
