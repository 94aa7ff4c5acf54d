import type { Trx, UseCaseDeps } from '../../platform/deps';
import { findAccountOrThrow } from '../accounts';
import { enqueueCaseMessage } from '../messaging';
import { type DecisionOutcome, decisionMessage, decisionScript } from './customer-wording';
import type { RefundRequestRow } from './refunds.repository';

/**
 * Tells the customer about a decision in the decision's transaction: the outbox message of its kind
 * in the account's language (a customer without an e-mail address gets none; the agent tells them
 * on the phone), and the agent's phone script in that language for the recorded mood.
 */
export async function communicateDecision(
  trx: Trx,
  deps: UseCaseDeps,
  row: RefundRequestRow,
  outcome: DecisionOutcome,
): Promise<string[]> {
  const account = await findAccountOrThrow(trx, row.account_id, 'params.id');
  const message = decisionMessage(outcome);
  if (message && account.email)
    await enqueueCaseMessage(trx, deps, {
      kind: message.kind,
      caseId: row.case_id,
      variables: message.variables,
    });
  return decisionScript(outcome, row.mood, account.language);
}
