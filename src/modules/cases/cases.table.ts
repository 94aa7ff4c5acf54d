export type CaseType = 'cancellation' | 'refund' | 'inquiry' | 'complaint';
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
}
