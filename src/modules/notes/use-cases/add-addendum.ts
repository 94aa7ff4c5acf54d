import { auditInsert } from '../../../platform/audit';
import type { UseCaseDeps } from '../../../platform/deps';
import { notFound } from '../../../platform/errors';
import { newId } from '../../../platform/ids';
import { NoteErrors } from '../notes.errors';
import { findNote, insertNoteWithAudit } from '../notes.repository';

/**
 * A correction or later information, appended to a note; the note itself never changes. An
 * addendum to an addendum goes to the note it corrects. Returns the note's id.
 */
export async function addAddendum(
  deps: UseCaseDeps,
  input: { noteId: string; body: string },
): Promise<string> {
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    const note = await findNote(trx, input.noteId);
    if (!note) throw notFound(NoteErrors.NOTE_NOT_FOUND, 'Note', input.noteId, 'params.id');
    const parentId = note.addendum_to ?? note.id;
    const id = newId('note', now);
    // the addendum and its audit event: one statement
    await insertNoteWithAudit(
      trx,
      {
        id,
        account_id: note.account_id,
        case_id: note.case_id,
        author_id: deps.actor.id,
        contact_reason: '',
        actions_taken: '',
        body: input.body,
        addendum_to: parentId,
        created_at: now,
      },
      [],
      auditInsert(trx, deps.actor, now, {
        action: 'note.addendum_added',
        entityType: 'note',
        entityId: parentId,
        accountId: note.account_id,
        caseId: note.case_id,
        changes: { addendumId: id },
      }),
    );
    return parentId;
  });
}
