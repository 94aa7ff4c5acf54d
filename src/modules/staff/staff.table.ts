import type { Generated } from 'kysely';
import type { Role } from '../../platform/roles';

export interface StaffUsersTable {
  id: string;
  email: string;
  display_name: string;
  role: Role;
  password_hash: string;
  locale: 'de' | 'en';
  is_active: Generated<boolean>;
  created_at: Date;
  deactivated_at: Date | null;
}

export interface StaffSessionsTable {
  id: string;
  user_id: string;
  created_at: Date;
  expires_at: Date;
  last_seen_at: Date;
  ip: string | null;
  user_agent: string | null;
}

export interface LoginAttemptsTable {
  id: Generated<number>;
  email: string;
  ip: string | null;
  /** What the throttle counts by: the address, or its /64 for IPv6 (see login-throttle.ts). */
  source: string;
  /** Taken as a failure before the password is checked; set true once it was right. */
  succeeded: boolean;
  at: Date;
  /** When an admin cleared this failure (it then no longer counts). */
  cleared_at: Date | null;
}
