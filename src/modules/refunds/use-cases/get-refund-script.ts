import type { UseCaseDeps } from '../../../platform/deps';
import { findAccountOrThrow } from '../../accounts';
import { decisionScript } from '../customer-wording';
import { findRefundRequestOrThrow } from '../refunds.repository';
import { storedOutcome } from '../stored-outcome';

/** The agent's phone script for the request's decision, in the customer's language, for the recorded mood. */
export async function getRefundScript(
  deps: UseCaseDeps,
  input: { requestId: string },
): Promise<{ language: 'de' | 'en'; mood: 'calm' | 'upset' | 'angry'; lines: string[] | null }> {
  const row = await findRefundRequestOrThrow(deps.db, input.requestId);
  const account = await findAccountOrThrow(deps.db, row.account_id, 'params.id');
  const outcome = storedOutcome(row);
  return {
    language: account.language,
    mood: row.mood,
    lines: outcome.kind === 'open' ? null : decisionScript(outcome, row.mood, account.language),
  };
}
