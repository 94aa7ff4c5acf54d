import type { ColumnType } from 'kysely';
import type { VerificationFactor } from './verification-settings';

export interface VerificationSecretsTable {
  subject_id: string;
  account_id: string;
  factor: VerificationFactor;
  secret_hash: string;
  created_at: Date;
}

export interface VerificationAttemptsTable {
  id: string;
  case_id: string;
  account_id: string;
  representative_id: string | null;
  actor_id: string;
  /** JSON: the names of the factors answered, never the values */
  factors: ColumnType<string[], string, string>;
  matched: number;
  succeeded: boolean;
  at: Date;
}

/** The caller-verification lock of an account: failures in a row, the lock, the flag it leaves. */
export interface VerificationLockoutsTable {
  account_id: string;
  failures: number;
  locked_until: Date | null;
  flagged_at: Date | null;
}

export type VerifiedSubjectType = 'holder' | 'representative' | 'override';

/** Who is verified on a case, with which scopes and until when (the latest verification only). */
export interface CaseVerificationsTable {
  case_id: string;
  account_id: string;
  subject_type: VerifiedSubjectType;
  representative_id: string | null;
  can_cancel: boolean;
  can_request_refunds: boolean;
  verified_at: Date;
  expires_at: Date;
}
