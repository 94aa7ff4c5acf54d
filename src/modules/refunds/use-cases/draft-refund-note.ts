import { businessDate } from '../../../platform/clock';
import type { UseCaseDeps } from '../../../platform/deps';
import { getPolicyVersion } from '../../policy';
import { findStaffById } from '../../staff';
import { draftNote, type NoteDraft } from '../customer-wording';
import { findRefundRequestOrThrow } from '../refunds.repository';
import { storedOutcome } from '../stored-outcome';

export interface RefundNoteDraft extends NoteDraft {
  accountId: string;
  caseId: string;
  language: 'de' | 'en';
}

/**
 * The account note drafted from a request (reason, actions, commitments with due dates), in the
 * agent's UI language; the agent edits it and saves it through the notes API (createNote).
 */
export async function draftRefundNote(
  deps: UseCaseDeps,
  input: { requestId: string },
): Promise<RefundNoteDraft> {
  const row = await findRefundRequestOrThrow(deps.db, input.requestId);
  const staff = deps.actor.id ? await findStaffById(deps.db, deps.actor.id) : undefined;
  const language = staff?.locale ?? 'de';
  const { document } = await getPolicyVersion(deps, { version: row.policy_version });
  const reasonLabel = document.reasons[row.reason_code]?.[language] ?? row.reason_code;
  const today = businessDate(deps.clock.now(), deps.config.timeZone);
  const draft = draftNote({ reasonLabel, outcome: storedOutcome(row), today }, language);
  return { accountId: row.account_id, caseId: row.case_id, language, ...draft };
}
