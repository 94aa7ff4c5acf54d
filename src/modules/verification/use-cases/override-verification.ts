import { writeAudit } from '../../../platform/audit';
import { MINUTE } from '../../../platform/clock';
import type { UseCaseDeps } from '../../../platform/deps';
import { lockCaseOrThrow, touchCase } from '../../cases';
import { saveCaseVerification } from '../verification.repository';
import { loadVerificationSettings } from '../verification-settings';

export interface OverrideVerificationInput {
  caseId: string;
  reason: string;
}

/** A lead vouches for the caller with a written reason; the case counts as verified, and it is audited. */
export async function overrideVerification(deps: UseCaseDeps, input: OverrideVerificationInput) {
  const config = await loadVerificationSettings(deps.db);
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    const kase = await lockCaseOrThrow(trx, input.caseId);
    const expiresAt = new Date(now.getTime() + config.ttlMinutes * MINUTE);
    await saveCaseVerification(trx, {
      case_id: kase.id,
      account_id: kase.account_id,
      subject_type: 'override',
      representative_id: null,
      can_cancel: true,
      can_request_refunds: true,
      verified_at: now,
      expires_at: expiresAt,
    });
    await touchCase(trx, kase.id, now);
    await writeAudit(trx, deps.actor, now, {
      action: 'verification.overridden',
      entityType: 'case',
      entityId: kase.id,
      accountId: kase.account_id,
      caseId: kase.id,
      changes: { reason: input.reason, expiresAt: expiresAt.toISOString() },
    });
  });
}
