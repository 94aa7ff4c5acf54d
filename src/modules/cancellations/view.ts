import type { z } from 'zod';
import type { Executor } from '../../platform/audit';
import { subscriptionDetail } from '../billing';
import {
  type CancellationRow,
  findCancellationOrThrow,
  findReasonVersion,
  listCancellationEvents,
} from './cancellations.repository';
import {
  type CancellationResponse,
  type planResponse,
  toCancellationResponse,
} from './cancellations.schemas';
import type { CancellationPlan } from './plan';
import { explainScript } from './wording';

/** A request as the API answers it: with its reason's label of the version it was recorded with, and its history. */
export async function cancellationView(db: Executor, id: string): Promise<CancellationResponse> {
  const row = await findCancellationOrThrow(db, id);
  return (await cancellationViews(db, [row]))[0]!;
}

export async function cancellationViews(
  db: Executor,
  rows: CancellationRow[],
): Promise<CancellationResponse[]> {
  const events = await listCancellationEvents(
    db,
    rows.map((r) => r.id),
  );
  const out: CancellationResponse[] = [];
  for (const row of rows) {
    const reason = await findReasonVersion(db, row.reason_code, row.reason_version);
    out.push(
      toCancellationResponse(
        row,
        { de: reason?.label_de ?? row.reason_code, en: reason?.label_en ?? row.reason_code },
        events.filter((e) => e.request_id === row.id),
        (await subscriptionDetail(db, row.subscription_id))?.status ?? 'unknown',
      ),
    );
  }
  return out;
}

/** A plan as the API shows it, with the script in the customer's language. */
export function toPlanResponse(plan: CancellationPlan): z.output<typeof planResponse> {
  return {
    effective: plan.effective,
    effectiveOn: plan.effectiveOn,
    serviceUntil: plan.serviceUntil,
    lastBillingOn: plan.lastBillingOn,
    dataExportUntil: plan.exportUntil,
    subscriptionStatusAfter: plan.subscriptionStatusAfter,
    renewalsStop: true,
    refund: {
      amount: plan.refundOption.amount,
      basis: plan.refundOption.basis,
      paymentId: plan.refundOption.paymentId,
      policyVersion: plan.refundOption.policyVersion,
      roleNeeded: plan.refundOption.roleNeeded,
      findings: plan.refundOption.findings,
    },
    outstanding: plan.outstanding,
    script: { language: plan.language, lines: explainScript(plan, plan.language) },
  };
}

/** The plan inputs a stored request gives (the verification is the one the request was recorded under). */
export const planInputOf = (row: CancellationRow, effective: 'period_end' | 'immediate') => ({
  accountId: row.account_id,
  subscriptionId: row.subscription_id,
  reasonCode: row.reason_code,
  effective,
  verification: 'verified' as const,
});
