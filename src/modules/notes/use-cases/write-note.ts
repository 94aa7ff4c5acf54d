import { writeAudit } from '../../../platform/audit';
import { businessDate } from '../../../platform/clock';
import type { UseCaseDeps } from '../../../platform/deps';
import { DomainError } from '../../../platform/errors';
import { newId } from '../../../platform/ids';
import { NoteErrors } from '../notes.errors';

export interface WriteNoteInput {
  accountId: string;
  caseId: string;
  contactReason: string;
  actionsTaken: string;
  body?: string;
  commitments?: Array<{ description: string; ownerId?: string; dueOn: string }>;
}

/**
 * The account note of seed 002: why the customer got in touch, what was done, what was promised
 * (each promise with an owner and a due date, tracked until done) and free text, on a case of the
 * same account. Notes are never edited; corrections are addenda.
 */
export async function writeNote(deps: UseCaseDeps, input: WriteNoteInput): Promise<string> {
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    const today = businessDate(now, deps.config.timeZone);
    const account = await trx
      .selectFrom('accounts')
      .select('id')
      .where('id', '=', input.accountId)
      .executeTakeFirst();
    if (!account)
      throw new DomainError(NoteErrors.NOTE_ACCOUNT_NOT_FOUND, `Account ${input.accountId} does not exist`, {
        field: 'body.accountId',
      });
    const kase = await trx
      .selectFrom('cases')
      .select(['id', 'account_id'])
      .where('id', '=', input.caseId)
      .executeTakeFirst();
    if (!kase || kase.account_id !== input.accountId)
      throw new DomainError(
        NoteErrors.NOTE_CASE_INVALID,
        'The case does not exist or belongs to another account',
        { field: 'body.caseId' },
      );
    const commitments = input.commitments ?? [];
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
      const owner = await trx
        .selectFrom('staff_users')
        .select('id')
        .where('id', '=', ownerId)
        .where('is_active', '=', true)
        .executeTakeFirst();
      if (!owner)
        throw new DomainError(
          NoteErrors.COMMITMENT_OWNER_INVALID,
          `${ownerId} is not an active staff member`,
          {
            field: `body.commitments.${i}.ownerId`,
          },
        );
    }
    const noteId = newId('note', now);
    await trx
      .insertInto('notes')
      .values({
        id: noteId,
        account_id: input.accountId,
        case_id: input.caseId,
        author_id: deps.actor.id,
        contact_reason: input.contactReason,
        actions_taken: input.actionsTaken,
        body: input.body ?? '',
        addendum_to: null,
        created_at: now,
      })
      .execute();
    const created = commitments.map((c) => ({
      id: newId('cmt', now),
      note_id: noteId,
      account_id: input.accountId,
      case_id: input.caseId,
      description: c.description,
      owner_id: c.ownerId ?? deps.actor.id!,
      due_on: c.dueOn,
      status: 'open' as const,
      done_at: null,
      done_by: null,
      created_at: now,
    }));
    if (created.length) await trx.insertInto('commitments').values(created).execute();
    await writeAudit(trx, deps.actor, now, {
      action: 'note.written',
      entityType: 'note',
      entityId: noteId,
      accountId: input.accountId,
      caseId: input.caseId,
      changes: {
        contactReason: input.contactReason,
        commitments: created.map((c) => ({ id: c.id, owner: c.owner_id, dueOn: c.due_on })),
      },
    });
    return noteId;
  });
}

/** A correction or later information, appended to a note; the note itself never changes. */
export async function addAddendum(
  deps: UseCaseDeps,
  input: { noteId: string; body: string },
): Promise<string> {
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    const note = await trx
      .selectFrom('notes')
      .select(['id', 'account_id', 'case_id', 'addendum_to'])
      .where('id', '=', input.noteId)
      .executeTakeFirst();
    if (!note)
      throw new DomainError(NoteErrors.NOTE_NOT_FOUND, `Note ${input.noteId} does not exist`, {
        field: 'params.id',
      });
    const parentId = note.addendum_to ?? note.id;
    const id = newId('note', now);
    await trx
      .insertInto('notes')
      .values({
        id,
        account_id: note.account_id,
        case_id: note.case_id,
        author_id: deps.actor.id,
        contact_reason: '',
        actions_taken: '',
        body: input.body,
        addendum_to: parentId,
        created_at: now,
      })
      .execute();
    await writeAudit(trx, deps.actor, now, {
      action: 'note.addendum_added',
      entityType: 'note',
      entityId: parentId,
      accountId: note.account_id,
      caseId: note.case_id,
      changes: { addendumId: id },
    });
    return parentId;
  });
}
