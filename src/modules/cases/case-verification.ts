import type { CasesTable } from './cases.table';

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

type Row = Pick<
  CasesTable,
  | 'verified_at'
  | 'verification_expires_at'
  | 'verified_subject_type'
  | 'verified_representative_id'
  | 'verified_can_cancel'
  | 'verified_can_request_refunds'
>;

/** Who is verified on a case right now, derived from its columns and the clock (never stored). */
export function verificationStateOf(
  row: Row,
  now: Date,
  representativeName: string | null = null,
): VerificationState {
  const base = {
    subjectType: row.verified_subject_type,
    representativeId: row.verified_representative_id,
    representativeName,
    verifiedAt: row.verified_at,
    expiresAt: row.verification_expires_at,
  };
  if (!row.verified_at || !row.verification_expires_at || !row.verified_subject_type)
    return { ...base, state: 'unverified', canCancel: false, canRequestRefunds: false };
  if (row.verification_expires_at <= now)
    return { ...base, state: 'expired', canCancel: false, canRequestRefunds: false };
  return {
    ...base,
    state: row.verified_subject_type === 'override' ? 'override' : 'verified',
    canCancel: row.verified_can_cancel,
    canRequestRefunds: row.verified_can_request_refunds,
  };
}
