// The API's shapes as the UI uses them (see /api/openapi.json for the full contract).
export type Role = 'agent' | 'lead' | 'admin';
export interface Person {
  id: string;
  displayName: string;
}
export interface SessionUser {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  locale: 'de' | 'en';
}
export interface AccountHit {
  id: string;
  accountNumber: string;
  status: string;
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  postalCode: string | null;
  city: string | null;
  verificationLocked: boolean;
  flagged: boolean;
  matchedOn: 'holder' | 'representative';
  representativeName: string | null;
}
export interface CaseSummary {
  id: string;
  caseNumber: string;
  accountId: string;
  accountNumber: string;
  customerName: string;
  type: string;
  channel: string;
  mood: string;
  status: string;
  subject: string | null;
  assignee: Person | null;
  openedAt: string;
}
export interface VerificationState {
  state: 'unverified' | 'verified' | 'expired' | 'override';
  subjectType: string | null;
  representativeName: string | null;
  canCancel: boolean;
  canRequestRefunds: boolean;
  expiresAt: string | null;
}
export interface CaseDetail extends CaseSummary {
  closedAt: string | null;
  verification: VerificationState;
}
export interface Commitment {
  id: string;
  accountId: string;
  accountNumber: string;
  customerName: string;
  caseId: string | null;
  caseNumber: string | null;
  description: string;
  owner: Person;
  dueOn: string;
  status: 'open' | 'done';
  overdue: boolean;
}
export interface Note {
  id: string;
  caseNumber: string | null;
  author: Person | null;
  contactReason: string;
  actionsTaken: string;
  body: string;
  createdAt: string;
  addenda: Array<{ id: string; author: Person | null; body: string; createdAt: string }>;
  commitments: Commitment[];
}
