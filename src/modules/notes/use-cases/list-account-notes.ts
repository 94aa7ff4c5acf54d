import { businessDate } from '../../../platform/clock';
import type { UseCaseDeps } from '../../../platform/deps';
import { listCommitments, listNotes } from '../notes.repository';
import { toCommitment } from '../notes.schemas';

/**
 * The account's notes (or the notes with these ids), newest first, each with its addenda (oldest
 * first) and commitments.
 */
export async function listAccountNotes(deps: UseCaseDeps, input: { accountId?: string; noteIds?: string[] }) {
  const today = businessDate(deps.clock.now(), deps.config.timeZone);
  const rows = await listNotes(
    deps.db,
    input.noteIds ? { ids: input.noteIds } : { accountId: input.accountId },
  );
  // an account's notes include their addenda; notes asked for by id need theirs fetched
  const all = input.noteIds ? [...rows, ...(await listNotes(deps.db, { addendaTo: input.noteIds }))] : rows;
  const parents = all.filter((n) => n.addendum_to === null);
  const commitments = await listCommitments(deps.db, { noteIds: parents.map((p) => p.id) });
  const person = (id: string | null, name: string | null) => (id ? { id, displayName: name ?? '' } : null);
  return parents.map((n) => ({
    id: n.id,
    accountId: n.account_id,
    caseId: n.case_id,
    caseNumber: n.case_number,
    author: person(n.author_id, n.author_name),
    contactReason: n.contact_reason,
    actionsTaken: n.actions_taken,
    body: n.body,
    createdAt: n.created_at,
    addenda: all
      .filter((a) => a.addendum_to === n.id)
      .sort((a, b) => a.created_at.getTime() - b.created_at.getTime())
      .map((a) => ({
        id: a.id,
        author: person(a.author_id, a.author_name),
        body: a.body,
        createdAt: a.created_at,
      })),
    commitments: commitments.filter((c) => c.note_id === n.id).map((c) => toCommitment(c, today)),
  }));
}
