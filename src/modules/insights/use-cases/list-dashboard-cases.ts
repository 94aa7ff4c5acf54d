import type { UseCaseDeps } from '../../../platform/deps';
import { DomainError } from '../../../platform/errors';
import { moneyFromColumn } from '../../../platform/money';
import { eventFilterOf, resolveFilter } from '../dashboard';
import { InsightsErrors } from '../insights.errors';
import { listEvents } from '../insights.repository';
import type { DashboardCases, DashboardCasesQuery } from '../insights.schemas';

/**
 * The cases behind one bar of the dashboard (the same filters, plus the chart's dimension and the
 * bar's key, and which series), newest first, a page at a time with a keyset cursor.
 */
export async function listDashboardCases(
  deps: UseCaseDeps,
  input: DashboardCasesQuery,
): Promise<DashboardCases> {
  const timeZone = deps.config.timeZone;
  const f = eventFilterOf(resolveFilter(input, deps.clock.now(), timeZone), timeZone);
  const pick = input.bucket
    ? { dimension: 'bucket' as const, key: input.bucket }
    : input.dimension && input.key !== undefined
      ? { dimension: input.dimension, key: input.key }
      : {};
  const rows = await listEvents(deps.db, f, {
    metric: input.metric,
    ...pick,
    ...(input.after ? { after: decodeCursor(input.after) } : {}),
    limit: input.limit,
  });
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => ({
      kind: r.kind,
      requestId: r.id,
      caseId: r.case_id,
      caseNumber: r.case_number,
      accountId: r.account_id,
      accountNumber: r.account_number,
      type: r.case_type,
      reason: r.reason,
      plan: r.plan,
      channel: r.channel,
      isException: r.is_exception,
      amount:
        r.amount_minor === null || r.currency === null ? null : moneyFromColumn(r.amount_minor, r.currency),
      outcome: r.outcome,
      createdAt: r.at,
    })),
    next: rows.length > input.limit && last ? encodeCursor(last.at, last.id) : null,
  };
}

function encodeCursor(at: Date, id: string): string {
  return Buffer.from(JSON.stringify([at.toISOString(), id])).toString('base64url');
}

function decodeCursor(cursor: string): { at: Date; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown, unknown];
    const date = typeof at === 'string' ? new Date(at) : new Date(Number.NaN);
    if (typeof id === 'string' && id.length <= 100 && !Number.isNaN(date.getTime())) return { at: date, id };
  } catch {
    // falls through to the error below
  }
  throw new DomainError(InsightsErrors.DASHBOARD_CURSOR_INVALID, 'The page cursor is not valid', {
    field: 'querystring.after',
  });
}
