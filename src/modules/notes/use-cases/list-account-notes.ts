import type { Executor } from '../../../platform/audit';
import { businessDate } from '../../../platform/clock';
import { listCommitments, listNotes } from '../notes.repository';
import { toCommitment } from '../notes.schemas';

/** The account's notes, newest first, each with its addenda (oldest first) and commitments. */
export async function listAccountNotes(
  db: Executor,
  input: { accountId?: string; noteIds?: string[]; now: Date; timeZone: string },
) {
  const today = businessDate(input.now, input.timeZone);
  const rows = await listNotes(db, input.noteIds ? { ids: input.noteIds } : { accountId: input.accountId });
  let all = rows;
  if (input.noteIds) {
    // addenda of the requested notes
    const addenda = await db
      .selectFrom('notes')
      .select('id')
      .where('addendum_to', 'in', input.noteIds)
      .execute();
    if (addenda.length) all = [...rows, ...(await listNotes(db, { ids: addenda.map((a) => a.id) }))];
  }
  const parents = all.filter((n) => n.addendum_to === null);
  const commitments = await listCommitments(db, { noteIds: parents.map((p) => p.id) });
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
