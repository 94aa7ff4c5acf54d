/** The staff roles, lowest first: every route declares which of them may call it. */
export const ROLES = ['agent', 'lead', 'admin'] as const;
export type Role = (typeof ROLES)[number];
