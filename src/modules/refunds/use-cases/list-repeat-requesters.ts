import type { UseCaseDeps } from '../../../platform/deps';
import { type Money, moneyFromColumn } from '../../../platform/money';
import { listRepeatRequesterRows } from '../refunds.repository';

export interface RepeatRequester {
  accountId: string;
  accountNumber: string;
  name: string;
  requests: number;
  exceptions: number;
  paidOut: number;
  paid: Money;
  requested: Money;
  firstAt: Date;
  lastAt: Date;
  lastRequestId: string;
  lastCaseId: string;
  /** Each abuse signal the evaluations raised, with how many requests raised it. */
  signals: Record<string, number>;
}

/** Accounts with several refund requests since `since`, with what the policy engine saw in them. */
export async function listRepeatRequesters(
  deps: UseCaseDeps,
  input: { since: Date; minRequests: number; limit: number },
): Promise<RepeatRequester[]> {
  const rows = await listRepeatRequesterRows(deps.db, input);
  return rows.map((r) => ({
    accountId: r.account_id,
    accountNumber: r.account_number,
    name: `${r.first_name} ${r.last_name}`,
    requests: r.requests,
    exceptions: r.exceptions,
    paidOut: r.paid_out,
    paid: moneyFromColumn(r.paid_minor, r.currency),
    requested: moneyFromColumn(r.requested_minor, r.currency),
    firstAt: new Date(r.first_at),
    lastAt: new Date(r.last_at),
    lastRequestId: r.last_request_id,
    lastCaseId: r.last_case_id,
    signals: r.signals ?? {},
  }));
}
