import { moneyFromColumn } from '../../platform/money';
import { evaluationResult } from '../policy';
import type { DecisionOutcome } from './customer-wording';
import type { RefundRequestRow } from './refunds.repository';
import { alternativeSchema } from './refunds.schemas';

/** What was decided on a stored request, as the wording reads it; `open` while nothing is decided. */
export function storedOutcome(row: RefundRequestRow): DecisionOutcome | { kind: 'open' } {
  const decided = row.decided_minor === null ? null : moneyFromColumn(row.decided_minor, row.currency);
  switch (row.status) {
    case 'executed':
    case 'approved':
      return { kind: 'approved', amount: decided!, method: row.execution_method ?? 'original_payment' };
    case 'failed':
      return { kind: 'failed', amount: decided! };
    case 'denied':
      return {
        kind: 'denied',
        requested: moneyFromColumn(row.requested_minor, row.currency),
        evaluation: evaluationResult.parse(row.evaluation),
        alternative: alternativeSchema.parse(row.alternative),
      };
    case 'needs_info':
      return { kind: 'sent_back' };
    default:
      return { kind: 'open' };
  }
}
