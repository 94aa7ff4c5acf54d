import type { Actor } from '../../platform/audit';
import { DomainError } from '../../platform/errors';
import { compareMoney, isPositiveMoney, type Money, minMoney, money } from '../../platform/money';
import { ROLES, type Role } from '../../platform/roles';
import { type Evaluation, type PolicyDocument, roleNeeded } from '../policy';
import { RefundErrors } from './refunds.errors';
import type { RefundRequestRow } from './refunds.repository';
import type { DecideRefundRequestBody } from './refunds.schemas';

// Who may decide what, as plain functions of the locked request, its evaluation, the policy
// version it was evaluated with and the actor. Every refusal names the field it is about.

const rank = (role: Role) => ROLES.indexOf(role);
const higher = (a: Role, b: Role): Role => (rank(a) >= rank(b) ? a : b);

/** The statuses a decision can still be taken in; the rest were decided. */
export function assertDecidable(row: RefundRequestRow, body: DecideRefundRequestBody) {
  const fallback = body.method === 'store_credit' || body.method === 'bank_transfer';
  if (row.status === 'evaluated' || row.status === 'pending_approval') {
    if (body.method === 'bank_transfer' && body.action.startsWith('approve'))
      throw new DomainError(
        RefundErrors.REFUND_STATUS_CONFLICT,
        'A bank transfer is the fallback after a refund to the original payment failed',
        { field: 'body.method', requestStatus: row.status },
      );
    return;
  }
  if (row.status === 'failed' && fallback && body.action.startsWith('approve')) return;
  if (row.status === 'needs_info')
    throw new DomainError(
      RefundErrors.REFUND_STATUS_CONFLICT,
      'The request was sent back for more information: resubmit it first',
      { field: 'params.id', requestStatus: row.status },
    );
  if (row.status === 'failed')
    throw new DomainError(
      RefundErrors.REFUND_STATUS_CONFLICT,
      'The refund to the payment failed: approve it again as store credit or a bank transfer',
      { field: 'body.method', requestStatus: row.status },
    );
  throw new DomainError(RefundErrors.REFUND_ALREADY_DECIDED, `The request is ${row.status} already`, {
    field: 'params.id',
    requestStatus: row.status,
  });
}

/** A denial offers at least one alternative; a partial approval names its amount; a transfer its account. */
export function assertBodyComplete(body: DecideRefundRequestBody) {
  if (body.method === 'bank_transfer' && body.action.startsWith('approve') && !body.payout)
    throw new DomainError(
      RefundErrors.REFUND_PAYOUT_REQUIRED,
      'A bank transfer names the account holder and the IBAN',
      { field: 'body.payout' },
    );
  if (body.action === 'deny' && !body.alternative)
    throw new DomainError(
      RefundErrors.REFUND_ALTERNATIVE_REQUIRED,
      'A denial offers the customer at least one alternative (store credit, exchange or a discount)',
      { field: 'body.alternative' },
    );
  if (body.action === 'approve_partial' && body.amountMinor === undefined)
    throw new DomainError(
      RefundErrors.REFUND_DECISION_AMOUNT_INVALID,
      'A partial approval names its amount',
      {
        field: 'body.amountMinor',
      },
    );
}

/** In the exceptions queue a lead or an admin decides, and never the one who created the request. */
export function assertMayDecideHere(
  row: RefundRequestRow,
  evaluation: Evaluation,
  actor: Actor,
  body: DecideRefundRequestBody,
) {
  if (row.status === 'pending_approval') {
    if (actor.role !== 'lead' && actor.role !== 'admin')
      throw new DomainError(
        RefundErrors.REFUND_APPROVER_ROLE_REQUIRED,
        'A request in the exceptions queue is decided by a lead or an admin',
        { field: 'params.id' },
      );
    if (actor.id === row.created_by)
      throw new DomainError(
        RefundErrors.REFUND_SELF_DECISION,
        'Nobody decides a refund request they created',
        {
          field: 'params.id',
        },
      );
    return;
  }
  if (row.status !== 'evaluated') return;
  // at the desk: what the policy grants within the limits, or the denial it recommends
  const desk =
    evaluation.decision !== 'escalate' &&
    (body.action === 'deny'
      ? evaluation.decision === 'deny'
      : body.action !== 'send_back' && evaluation.inPolicy);
  if (!desk)
    throw new DomainError(
      RefundErrors.REFUND_ESCALATION_REQUIRED,
      body.action === 'send_back'
        ? 'Only a request in the exceptions queue can be sent back'
        : 'This decision is an exception to the policy: escalate the request to the exceptions queue',
      { field: 'body.action', recommendation: evaluation.decision, inPolicy: evaluation.inPolicy },
    );
}

/** The amount an approval pays: the request in full (up to the maximum), or the partial amount. */
export function approvedAmount(
  row: RefundRequestRow,
  evaluation: Evaluation,
  body: DecideRefundRequestBody,
): Money {
  const max = evaluation.maxRefundable;
  const full = minMoney(evaluation.requested, max);
  if (row.status === 'failed') {
    const decided = money(row.decided_minor!, row.currency);
    const asked = body.amountMinor === undefined ? decided : money(body.amountMinor, row.currency);
    if (compareMoney(asked, decided) > 0)
      throw new DomainError(
        RefundErrors.REFUND_DECISION_AMOUNT_INVALID,
        'Store credit or a transfer instead of a failed refund is at most the approved amount',
        {
          field: 'body.amountMinor',
          maxMinor: decided.amountMinor,
        },
      );
    return asked;
  }
  if (body.action === 'approve') {
    if (!isPositiveMoney(full))
      throw new DomainError(
        RefundErrors.REFUND_DECISION_AMOUNT_INVALID,
        'Nothing of this payment may be refunded',
        {
          field: 'body.action',
          maxMinor: max.amountMinor,
        },
      );
    return full;
  }
  const partial = money(body.amountMinor!, row.currency);
  if (compareMoney(partial, full) >= 0)
    throw new DomainError(
      RefundErrors.REFUND_DECISION_AMOUNT_INVALID,
      `A partial approval is less than ${full.amountMinor} (the request up to the maximum refundable)`,
      { field: 'body.amountMinor', maxMinor: full.amountMinor },
    );
  return partial;
}

/**
 * The role an approval of `amount` needs: the policy's approval limit for its kind (in policy or
 * exception), at least the role the evaluation names for its recommendation, the one it names for
 * the full request when more than recommended is granted, and a lead in the exceptions queue.
 */
export function roleForApproval(
  row: RefundRequestRow,
  evaluation: Evaluation,
  policy: PolicyDocument,
  amount: Money,
): Role {
  const byLimit = roleNeeded(policy, amount, evaluation.inPolicy ? 'inPolicy' : 'exception').role;
  let role = higher(byLimit, evaluation.approval.recommended);
  if (compareMoney(amount, evaluation.recommended) > 0) role = higher(role, evaluation.approval.requested);
  if (row.status === 'pending_approval') role = higher(role, 'lead');
  return role;
}

export function assertWithinLimit(actor: Actor, needed: Role, amount: Money) {
  const own = actor.role as Role;
  if (!ROLES.includes(own) || rank(own) < rank(needed))
    throw new DomainError(
      RefundErrors.REFUND_OVER_APPROVAL_LIMIT,
      `Approving ${amount.amountMinor} ${amount.currency} needs the role ${needed}; you are ${actor.role}` +
        (actor.role === 'agent' ? ': escalate the request' : ''),
      { field: 'body.amountMinor', roleNeeded: needed },
    );
}
