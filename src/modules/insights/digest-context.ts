import type { UseCaseDeps } from '../../platform/deps';
import { DomainError } from '../../platform/errors';
import { getPolicyInForce, PolicyErrors } from '../policy';
import type { Language, WeeklyDigest } from './digest';

/** The refund reasons' names in the policy in force (a code it no longer has is shown as it is). */
export async function reasonLabels(deps: UseCaseDeps): Promise<(code: string, language: Language) => string> {
  const policy = await getPolicyInForce(deps).catch((error: unknown) => {
    if (error instanceof DomainError && error.code === PolicyErrors.POLICY_NOT_IN_FORCE) return null;
    throw error;
  });
  const reasons: Record<string, { de: string; en: string }> = policy?.document.reasons ?? {};
  return (code, language) => reasons[code]?.[language] ?? code;
}

/** The dashboard on the digest's week, when kulanz knows its public address (KULANZ_PUBLIC_URL). */
export function dashboardUrlOf(deps: UseCaseDeps, digest: WeeklyDigest): string | null {
  const base = deps.config.publicUrl?.replace(/\/$/, '');
  return base ? `${base}/insights?from=${digest.weekStart}&to=${digest.weekEnd}&grain=day` : null;
}
