import type { ColumnType } from 'kysely';

export type VerificationFactor =
  | 'id_last4'
  | 'date_of_birth'
  | 'postal_code'
  | 'full_name'
  | 'security_answer';
export const VERIFICATION_FACTORS: readonly VerificationFactor[] = [
  'id_last4',
  'date_of_birth',
  'postal_code',
  'full_name',
  'security_answer',
];

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
