import type { Trx, UseCaseDeps } from '../../platform/deps';
import { findAccountOrThrow } from '../accounts';
import { enqueueCaseMessage } from '../messaging';
import { type DecisionOutcome, decisionMessage, decisionScript } from './customer-wording';
import type { RefundRequestRow } from './refunds.repository';

/**
 * Tells the customer about a decision in the decision's transaction (see notifyCustomer) and
 * answers the agent's phone script for it.
 */
export async function communicateDecision(
  trx: Trx,
  deps: UseCaseDeps,
  row: RefundRequestRow,
  outcome: DecisionOutcome,
): Promise<string[]> {
  // one read of the account serves the message and the script
  const account = await findAccountOrThrow(trx, row.account_id, 'params.id');
  await notifyAccount(trx, deps, row, account, outcome);
  return decisionScript(outcome, row.mood, account.language);
}

/**
 * The outbox message of the outcome's kind in the account's language, committed with the change
 * that caused it (a customer without an e-mail address gets none; the agent tells them on the phone).
 */
export async function notifyCustomer(
  trx: Trx,
  deps: UseCaseDeps,
  row: RefundRequestRow,
  outcome: DecisionOutcome,
): Promise<void> {
  const account = await findAccountOrThrow(trx, row.account_id, 'params.id');
  await notifyAccount(trx, deps, row, account, outcome);
}

async function notifyAccount(
  trx: Trx,
  deps: UseCaseDeps,
  row: RefundRequestRow,
  account: { email: string | null },
  outcome: DecisionOutcome,
): Promise<void> {
  const message = decisionMessage(outcome);
  if (message && account.email)
    await enqueueCaseMessage(trx, deps, {
      kind: message.kind,
      caseId: row.case_id,
      variables: message.variables,
    });
}

/** The agent's phone script for the outcome in the customer's language, for the recorded mood. */
export async function phoneScript(trx: Trx, row: RefundRequestRow, outcome: DecisionOutcome) {
  const account = await findAccountOrThrow(trx, row.account_id, 'params.id');
  return decisionScript(outcome, row.mood, account.language);
}
