export interface NotesTable {
  id: string;
  account_id: string;
  case_id: string | null;
  author_id: string | null;
  contact_reason: string;
  actions_taken: string;
  body: string;
  addendum_to: string | null;
  created_at: Date;
}

export interface CommitmentsTable {
  id: string;
  note_id: string;
  account_id: string;
  case_id: string | null;
  description: string;
  owner_id: string;
  due_on: string;
  status: 'open' | 'done';
  done_at: Date | null;
  done_by: string | null;
  created_at: Date;
}
