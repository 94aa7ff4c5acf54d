import type { UseCaseDeps } from '../../../platform/deps';
import { type Money, moneyFromColumn } from '../../../platform/money';
import {
  refundDecisionsByWeek,
  refundPayoutsByWeek,
  refundReasonsByWeek,
  refundRequestsByWeek,
  type WeekRange,
} from '../refunds.repository';

/** The refund desk's week, as the leads' digest reports it. */
export interface RefundWeek {
  requests: number;
  /** Requests outside the policy, which went to the exceptions team. */
  exceptions: number;
  approved: number;
  denied: number;
  /** Median hours from the request to its decision, of the week's decisions (null: none). */
  medianHoursToDecision: number | null;
  /** Paid out (succeeded executions), per currency. */
  paidOut: Money[];
  /** Requests per reason code. */
  byReason: Record<string, number>;
}

const emptyWeek = (): RefundWeek => ({
  requests: 0,
  exceptions: 0,
  approved: 0,
  denied: 0,
  medianHoursToDecision: null,
  paidOut: [],
  byReason: {},
});

/** The refund figures of each calendar week (Monday, YYYY-MM-DD, business time zone) in [from, to). */
export async function weeklyRefundFigures(
  deps: UseCaseDeps,
  input: { from: Date; to: Date },
): Promise<Map<string, RefundWeek>> {
  const range: WeekRange = { ...input, timeZone: deps.config.timeZone };
  const [requests, decisions, payouts, reasons] = await Promise.all([
    refundRequestsByWeek(deps.db, range),
    refundDecisionsByWeek(deps.db, range),
    refundPayoutsByWeek(deps.db, range),
    refundReasonsByWeek(deps.db, range),
  ]);
  const weeks = new Map<string, RefundWeek>();
  const week = (key: string) => {
    const found = weeks.get(key);
    if (found) return found;
    const w = emptyWeek();
    weeks.set(key, w);
    return w;
  };
  for (const r of requests) Object.assign(week(r.week), { requests: r.requests, exceptions: r.exceptions });
  for (const d of decisions)
    Object.assign(week(d.week), {
      approved: d.approved,
      denied: d.denied,
      medianHoursToDecision: d.median_hours === null ? null : Number(d.median_hours),
    });
  for (const p of payouts) week(p.week).paidOut.push(moneyFromColumn(p.paid_minor, p.currency));
  for (const r of reasons) week(r.week).byReason[r.reason_code] = r.n;
  return weeks;
}
