import { auditInsert } from '../../../platform/audit';
import { businessDate } from '../../../platform/clock';
import type { Trx, UseCaseDeps } from '../../../platform/deps';
import { DomainError } from '../../../platform/errors';
import { newId } from '../../../platform/ids';
import { findAccountOrThrow } from '../../accounts';
import { findCaseOrThrow } from '../../cases';
import { findStaffById } from '../../staff';
import { NoteErrors } from '../notes.errors';
import { insertNoteWithAudit } from '../notes.repository';

export interface WriteNoteInput {
  accountId: string;
  caseId: string;
  contactReason: string;
  actionsTaken: string;
  body?: string;
  commitments?: Array<{ description: string; ownerId?: string; dueOn: string }>;
}

/** A promise as it will be kept: the owner resolved (the writer when none was named). */
interface CheckedCommitment {
  description: string;
  ownerId: string;
  dueOn: string;
}

/**
 * The account note of seed 002: why the customer got in touch, what was done, what was promised
 * (each promise with an owner and a due date, tracked until done) and free text, on a case of the
 * same account. Notes are never edited; corrections are addenda (addAddendum).
 */
export async function writeNote(deps: UseCaseDeps, input: WriteNoteInput): Promise<string> {
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    await assertCaseOfAccount(trx, input);
    const commitments = await checkCommitments(trx, deps, input.commitments ?? []);
    const noteId = newId('note', now);
    const created = commitments.map((c) => ({
      id: newId('cmt', now),
      note_id: noteId,
      account_id: input.accountId,
      case_id: input.caseId,
      description: c.description,
      owner_id: c.ownerId,
      due_on: c.dueOn,
      status: 'open' as const,
      done_at: null,
      done_by: null,
      created_at: now,
    }));
    // the note, its commitments and the audit event: one statement
    await insertNoteWithAudit(
      trx,
      {
        id: noteId,
        account_id: input.accountId,
        case_id: input.caseId,
        author_id: deps.actor.id,
        contact_reason: input.contactReason,
        actions_taken: input.actionsTaken,
        body: input.body ?? '',
        addendum_to: null,
        created_at: now,
      },
      created,
      auditInsert(trx, deps.actor, now, {
        action: 'note.written',
        entityType: 'note',
        entityId: noteId,
        accountId: input.accountId,
        caseId: input.caseId,
        changes: {
          contactReason: input.contactReason,
          commitments: created.map((c) => ({ id: c.id, owner: c.owner_id, dueOn: c.due_on })),
        },
      }),
    );
    return noteId;
  });
}

/**
 * The account exists (ACCOUNT_NOT_FOUND), the case exists (CASE_NOT_FOUND) and is the account's
 * (NOTE_CASE_INVALID), checked in that order. The case is read with its account (the case view
 * joins it), so a case of this account proves the account: one read when all is well, and the
 * account is read on its own only to say which of the two is wrong.
 */
async function assertCaseOfAccount(trx: Trx, input: WriteNoteInput): Promise<void> {
  const kase = await findCaseOrThrow(trx, input.caseId, 'body.caseId').catch(async (error: unknown) => {
    if (error instanceof DomainError) await findAccountOrThrow(trx, input.accountId, 'body.accountId');
    throw error;
  });
  if (kase.account_id !== input.accountId) {
    await findAccountOrThrow(trx, input.accountId, 'body.accountId');
    throw new DomainError(NoteErrors.NOTE_CASE_INVALID, 'The case belongs to another account', {
      field: 'body.caseId',
    });
  }
}

/** Each promise is due today or later (in the company's time zone) and owned by an active staff member. */
async function checkCommitments(
  trx: Trx,
  deps: UseCaseDeps,
  commitments: NonNullable<WriteNoteInput['commitments']>,
): Promise<CheckedCommitment[]> {
  const today = businessDate(deps.clock.now(), deps.config.timeZone);
  const checked: CheckedCommitment[] = [];
  for (const [i, c] of commitments.entries()) {
    if (c.dueOn < today)
      throw new DomainError(
        NoteErrors.COMMITMENT_DUE_IN_PAST,
        `Due date ${c.dueOn} is before today (${today})`,
        {
          field: `body.commitments.${i}.dueOn`,
        },
      );
    const ownerId = c.ownerId ?? deps.actor.id!;
    const owner = await findStaffById(trx, ownerId);
    if (!owner?.is_active)
      throw new DomainError(NoteErrors.COMMITMENT_OWNER_INVALID, `${ownerId} is not an active staff member`, {
        field: `body.commitments.${i}.ownerId`,
      });
    checked.push({ description: c.description, ownerId, dueOn: c.dueOn });
  }
  return checked;
}
