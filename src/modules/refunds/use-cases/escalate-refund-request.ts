import type { UseCaseDeps } from '../../../platform/deps';
import { DomainError } from '../../../platform/errors';
import { moveRequest } from '../refund-history';
import { RefundErrors } from '../refunds.errors';
import { lockRefundRequestOrThrow } from '../refunds.repository';

/** Sends an evaluated request to the exceptions queue (pending_approval), where a lead decides it. */
export async function escalateRefundRequest(
  deps: UseCaseDeps,
  input: { requestId: string; note?: string },
): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    const row = await lockRefundRequestOrThrow(trx, input.requestId);
    if (row.status !== 'evaluated')
      throw new DomainError(
        RefundErrors.REFUND_STATUS_CONFLICT,
        `Only an evaluated request is escalated; this one is ${row.status}`,
        { field: 'params.id', requestStatus: row.status },
      );
    await moveRequest(trx, deps, now, row, {
      to: 'pending_approval',
      action: 'escalated',
      note: input.note ?? null,
    });
  });
}
