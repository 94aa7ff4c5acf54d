import type { UseCaseDeps } from '../../../platform/deps';
import { moneyFromColumn } from '../../../platform/money';
import { findAccountOrThrow } from '../../accounts';
import { subscriptionDetail } from '../../billing';
import { enqueueCaseMessage } from '../../messaging';
import { lockCancellationOrThrow, updateCancellation } from '../cancellations.repository';
import { dataExportUntil } from '../rules';
import { assertStep, recordStep } from '../steps';
import { confirmationVariables, type Lang } from '../wording';

/**
 * Sends the confirmation (step 7) through the outbox in the customer's language: the effective
 * date, the final billing details and refund, the next steps (reactivating, exporting the data
 * until when) and the reference number; the case shows the message. A customer without an
 * e-mail address gets none (the agent confirms on the phone); the step is recorded either way.
 */
export async function confirmCancellation(
  deps: UseCaseDeps,
  input: { cancellationId: string },
): Promise<{ messageId: string | null }> {
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    const row = await lockCancellationOrThrow(trx, input.cancellationId);
    assertStep(row, 'confirm');
    const account = await findAccountOrThrow(trx, row.account_id, 'params.id');
    const sub = (await subscriptionDetail(trx, row.subscription_id))!;
    const currency = row.currency ?? account.currency;
    const facts = {
      effective: row.effective!,
      planName: sub.planName,
      effectiveOn: row.effective_on!,
      serviceUntil: row.effective_on!,
      lastBillingOn: row.last_billing_on!,
      refund: moneyFromColumn(row.refund_minor ?? 0, currency),
      outstanding: moneyFromColumn(row.open_balance_minor ?? 0, currency),
      exportUntil: dataExportUntil(row.effective_on!),
      reference: row.reference,
    };
    const message = account.email
      ? await enqueueCaseMessage(trx, deps, {
          kind: 'cancellation_confirmation',
          caseId: row.case_id,
          variables: (lang: Lang) => confirmationVariables(facts, lang),
        })
      : null;
    await updateCancellation(trx, row.id, {
      confirmed_at: now,
      confirmation_message_id: message?.id ?? null,
      updated_at: now,
    });
    await recordStep(trx, deps, now, {
      row,
      step: 'confirmed',
      status: row.status,
      changes: { messageId: message?.id ?? null, language: account.language },
    });
    return { messageId: message?.id ?? null };
  });
}
