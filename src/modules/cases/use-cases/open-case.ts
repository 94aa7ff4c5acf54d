import { writeAudit } from '../../../platform/audit';
import type { UseCaseDeps } from '../../../platform/deps';
import { newId } from '../../../platform/ids';
import { findAccountOrThrow } from '../../accounts';
import { insertCase, nextCaseNumber } from '../cases.repository';
import type { CaseChannel, CaseMood, CaseType } from '../cases.table';

export interface OpenCaseInput {
  accountId: string;
  type: CaseType;
  channel: CaseChannel;
  mood: CaseMood;
  subject?: string;
}

/** A contact opens a case on the account: a readable number (C-1234), assigned to whoever opened it. */
export async function openCase(deps: UseCaseDeps, input: OpenCaseInput): Promise<string> {
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    const account = await findAccountOrThrow(trx, input.accountId, 'body.accountId');
    const caseNumber = await nextCaseNumber(trx);
    const id = newId('case', now);
    await insertCase(trx, {
      id,
      case_number: caseNumber,
      account_id: account.id,
      type: input.type,
      channel: input.channel,
      mood: input.mood,
      status: 'open',
      subject: input.subject ?? null,
      assignee_id: deps.actor.id,
      opened_by: deps.actor.id,
      opened_at: now,
      updated_at: now,
      closed_at: null,
    });
    await writeAudit(trx, deps.actor, now, {
      action: 'case.opened',
      entityType: 'case',
      entityId: id,
      accountId: input.accountId,
      caseId: id,
      changes: {
        caseNumber,
        type: input.type,
        channel: input.channel,
        mood: input.mood,
        subject: input.subject ?? null,
      },
    });
    return id;
  });
}
