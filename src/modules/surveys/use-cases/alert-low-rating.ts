import type { Trx, UseCaseDeps } from '../../../platform/deps';
import { findAccountOrThrow } from '../../accounts';
import { listCaseCancellationOutcomes } from '../../cancellations';
import { findCaseOrThrow } from '../../cases';
import { enqueueStaffMessage } from '../../messaging';
import { listCaseRefundOutcomes } from '../../refunds';
import { listActiveStaffWithRoles } from '../../staff';
import {
  type AlertRequest,
  type AlertRule,
  alertRecipients,
  renderLowRatingAlert,
} from '../low-rating-alert';

export interface AlertLowRatingInput {
  surveyId: string;
  caseId: string;
  accountId: string;
  rating: number;
  comment: string | null;
}

/**
 * Queues the low-rating alert to the case's lead(s) (see alertRecipients for who that is), each in
 * their language, in the caller's transaction: the answer and its alerts commit together. Exactly
 * once per survey and lead: the outbox key `staff:low-rating:<survey>:<lead>` takes one message.
 */
export async function alertLowRating(
  trx: Trx,
  deps: UseCaseDeps,
  input: AlertLowRatingInput,
): Promise<{ rule: AlertRule; queuedFor: string[] }> {
  const kase = await findCaseOrThrow(trx, input.caseId, 'survey.case_id');
  const account = await findAccountOrThrow(trx, input.accountId, 'survey.account_id');
  const refunds = await listCaseRefundOutcomes(trx, deps, { caseId: kase.id });
  const cancellations = await listCaseCancellationOutcomes(trx, kase.id);
  const { rule, leads } = alertRecipients(await listActiveStaffWithRoles(trx, ['lead']), {
    deciders: [...refunds.map((r) => r.decidedBy), ...cancellations.map((c) => c.processedBy)],
    assigneeId: kase.assignee_id,
  });
  const requests: AlertRequest[] = [
    ...refunds.map((r) => ({ kind: 'refund' as const, reason: r.reason, outcome: r.outcome })),
    ...cancellations.map((c) => ({ kind: 'cancellation' as const, reason: c.reason, outcome: c.outcome })),
  ];
  const facts = {
    caseId: kase.id,
    caseNumber: kase.case_number,
    accountNumber: account.account_number,
    rating: input.rating,
    comment: input.comment,
    requests,
    rule,
    publicUrl: deps.config.publicUrl,
  };
  const queuedFor: string[] = [];
  for (const lead of leads) {
    const message = await enqueueStaffMessage(trx, deps, {
      kind: 'low_rating_alert',
      to: lead.email,
      language: lead.locale,
      ...renderLowRatingAlert(facts, { name: lead.display_name, language: lead.locale }),
      dedupeKey: `low-rating:${input.surveyId}:${lead.id}`,
      accountId: account.id,
      caseId: kase.id,
    });
    if (message) queuedFor.push(lead.id);
  }
  return { rule, queuedFor };
}
