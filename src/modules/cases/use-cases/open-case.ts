import { sql } from 'kysely';
import { writeAudit } from '../../../platform/audit';
import type { UseCaseDeps } from '../../../platform/deps';
import { DomainError } from '../../../platform/errors';
import { newId } from '../../../platform/ids';
import { CaseErrors } from '../cases.errors';
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
    const account = await trx
      .selectFrom('accounts')
      .select('id')
      .where('id', '=', input.accountId)
      .executeTakeFirst();
    if (!account)
      throw new DomainError(CaseErrors.CASE_ACCOUNT_NOT_FOUND, `Account ${input.accountId} does not exist`, {
        field: 'body.accountId',
      });
    const { n } = (await sql<{ n: number }>`select nextval('case_number_seq')::int as n`.execute(trx))
      .rows[0]!;
    const id = newId('case', now);
    const caseNumber = `C-${n}`;
    await trx
      .insertInto('cases')
      .values({
        id,
        case_number: caseNumber,
        account_id: input.accountId,
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
        verified_at: null,
        verification_expires_at: null,
        verified_subject_type: null,
        verified_representative_id: null,
        verified_can_cancel: false,
        verified_can_request_refunds: false,
      })
      .execute();
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
