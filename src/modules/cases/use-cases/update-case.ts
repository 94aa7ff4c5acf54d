import { writeAudit } from '../../../platform/audit';
import type { UseCaseDeps } from '../../../platform/deps';
import { DomainError } from '../../../platform/errors';
import { findAccountOrThrow } from '../../accounts';
import { findStaffById } from '../../staff';
import { scheduleFollowUpIn } from '../../surveys';
import { CaseErrors } from '../cases.errors';
import { type CaseColumns, lockCaseOrThrow, updateCaseRow } from '../cases.repository';
import type { CaseMood, CaseStatus } from '../cases.table';

export interface UpdateCaseInput {
  id: string;
  status?: CaseStatus;
  assigneeId?: string;
  mood?: CaseMood;
  subject?: string;
  /** On closing: schedule the satisfaction follow-up (default: yes, when the customer has an e-mail). */
  followUp?: boolean;
}

/**
 * Changes a case's status, assignee, mood or subject, audited field by field. Closing stamps
 * closed_at and, in the same transaction, schedules the follow-up survey; a closed case is final.
 */
export async function updateCase(deps: UseCaseDeps, input: UpdateCaseInput) {
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    const before = await lockCaseOrThrow(trx, input.id);
    if (before.status === 'closed')
      throw new DomainError(CaseErrors.CASE_CLOSED, 'A closed case cannot change; open a new case', {
        field: 'params.id',
      });
    if (input.assigneeId !== undefined) {
      const assignee = await findStaffById(trx, input.assigneeId);
      if (!assignee?.is_active)
        throw new DomainError(
          CaseErrors.CASE_ASSIGNEE_INVALID,
          `${input.assigneeId} is not an active staff member`,
          { field: 'body.assigneeId' },
        );
    }
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    const set: CaseColumns = {};
    const change = <C extends keyof CaseColumns>(
      key: string,
      column: C,
      from: unknown,
      to: CaseColumns[C] | undefined,
    ) => {
      if (to === undefined || to === from) return;
      changes[key] = { from, to };
      set[column] = to;
    };
    change('status', 'status', before.status, input.status);
    change('assigneeId', 'assignee_id', before.assignee_id, input.assigneeId);
    change('mood', 'mood', before.mood, input.mood);
    change('subject', 'subject', before.subject, input.subject);
    if (Object.keys(set).length === 0) return input.id;
    const closing = input.status === 'closed';
    if (closing) set.closed_at = now;
    await updateCaseRow(trx, input.id, set, now);
    await writeAudit(trx, deps.actor, now, {
      action: closing
        ? 'case.closed'
        : input.assigneeId !== undefined && Object.keys(changes).length === 1
          ? 'case.assigned'
          : 'case.updated',
      entityType: 'case',
      entityId: input.id,
      accountId: before.account_id,
      caseId: input.id,
      changes,
    });
    if (closing && (input.followUp ?? Boolean((await findAccountOrThrow(trx, before.account_id)).email)))
      await scheduleFollowUpIn(trx, deps, { caseId: input.id });
    return input.id;
  });
}
