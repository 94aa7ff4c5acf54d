import type { Generated } from 'kysely';

export interface VerificationEmailCodesTable {
  id: string;
  case_id: string;
  account_id: string;
  code_hash: string;
  sent_to: string;
  message_id: string | null;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  expires_at: Date;
  used_at: Date | null;
  superseded_at: Date | null;
  created_by: string | null;
  created_at: Date;
}
