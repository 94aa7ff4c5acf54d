export type CaseType = 'cancellation' | 'refund' | 'inquiry';
export type CaseChannel = 'phone' | 'email' | 'chat' | 'web';
export type CaseMood = 'calm' | 'upset' | 'angry';
export type CaseStatus = 'open' | 'pending' | 'resolved' | 'closed';

export interface CasesTable {
  id: string;
  case_number: string;
  account_id: string;
  type: CaseType;
  channel: CaseChannel;
  mood: CaseMood;
  status: CaseStatus;
  subject: string | null;
  assignee_id: string | null;
  opened_by: string | null;
  opened_at: Date;
  updated_at: Date;
  closed_at: Date | null;
  verified_at: Date | null;
  verification_expires_at: Date | null;
  verified_subject_type: 'holder' | 'representative' | 'override' | null;
  verified_representative_id: string | null;
  verified_can_cancel: boolean;
  verified_can_request_refunds: boolean;
}
