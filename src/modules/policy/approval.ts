import { compareMoney, type Money, money } from '../../platform/money';
import { ROLES, type Role } from '../../platform/roles';
import type { PolicyDocument } from './policy.schemas';

/** Which approval limits apply: refunds the policy grants, or exceptions (goodwill). */
export type ApprovalKind = 'inPolicy' | 'exception';

/** A role's approval limit as money; null when the role has no limit. */
export function approvalLimit(policy: PolicyDocument, kind: ApprovalKind, role: Role): Money | null {
  const limit = policy.approvalLimits[kind][role];
  return limit === null ? null : money(limit, policy.currency);
}

/**
 * The lowest role whose approval limit covers `amount` (limits are inclusive: a lead with 500 €
 * may approve 500 €). Above every limit it is still the admin, with `withinLimits` false.
 */
export function roleNeeded(
  policy: PolicyDocument,
  amount: Money,
  kind: ApprovalKind,
): { role: Role; withinLimits: boolean } {
  for (const role of ROLES) {
    const limit = approvalLimit(policy, kind, role);
    if (limit === null || compareMoney(amount, limit) <= 0) return { role, withinLimits: true };
  }
  return { role: ROLES[ROLES.length - 1]!, withinLimits: false };
}

/** The higher of two roles. */
export function higherRole(a: Role, b: Role): Role {
  return ROLES.indexOf(a) >= ROLES.indexOf(b) ? a : b;
}

/** The role just below `role` (the agent for the agent). */
export function roleBelow(role: Role): Role {
  return ROLES[Math.max(0, ROLES.indexOf(role) - 1)]!;
}
