export type SurveyState = 'scheduled' | 'sent' | 'answered' | 'cancelled' | 'expired';

export interface SurveysTable {
  id: string;
  case_id: string;
  account_id: string;
  state: SurveyState;
  due_at: Date;
  job_id: string | null;
  token_hash: string | null;
  message_id: string | null;
  sent_at: Date | null;
  expires_at: Date | null;
  rating: number | null;
  comment: string | null;
  answered_at: Date | null;
  created_by: string | null;
  created_at: Date;
  cancelled_at: Date | null;
}
