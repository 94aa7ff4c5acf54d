import { businessDate } from '../../../platform/clock';
import type { UseCaseDeps } from '../../../platform/deps';
import { type CommitmentRow, listCommitments, listNotes, listNotesWithParts } from '../notes.repository';
import { toCommitment } from '../notes.schemas';

interface NoteParts {
  id: string;
  account_id: string;
  case_id: string | null;
  case_number: string | null;
  author_id: string | null;
  author_name: string | null;
  contact_reason: string;
  actions_taken: string;
  body: string;
  created_at: Date;
}
interface AddendumParts {
  id: string;
  author_id: string | null;
  author_name: string | null;
  body: string;
  created_at: Date;
}

/**
 * The account's notes (or the notes with these ids), newest first, each with its addenda (oldest
 * first) and commitments. Notes asked for by id come in one statement with their addenda and
 * commitments (what the answer to a note just written or corrected shows).
 */
export async function listAccountNotes(deps: UseCaseDeps, input: { accountId?: string; noteIds?: string[] }) {
  const today = businessDate(deps.clock.now(), deps.config.timeZone);
  const show = (n: NoteParts, addenda: AddendumParts[], commitments: CommitmentRow[]) =>
    toNote(n, addenda, commitments, today);
  if (input.noteIds) {
    const notes = (await listNotesWithParts(deps.db, input.noteIds)).filter((n) => n.addendum_to === null);
    return notes.map((n) => show(n, n.addenda, n.commitments));
  }
  // an account's notes include their addenda
  const all = await listNotes(deps.db, { accountId: input.accountId });
  const parents = all.filter((n) => n.addendum_to === null);
  const commitments = await listCommitments(deps.db, { noteIds: parents.map((p) => p.id) });
  return parents.map((n) =>
    show(
      n,
      all
        .filter((a) => a.addendum_to === n.id)
        .sort((a, b) => a.created_at.getTime() - b.created_at.getTime()),
      commitments.filter((c) => c.note_id === n.id),
    ),
  );
}

function toNote(n: NoteParts, addenda: AddendumParts[], commitments: CommitmentRow[], today: string) {
  const person = (id: string | null, name: string | null) => (id ? { id, displayName: name ?? '' } : null);
  return {
    id: n.id,
    accountId: n.account_id,
    caseId: n.case_id,
    caseNumber: n.case_number,
    author: person(n.author_id, n.author_name),
    contactReason: n.contact_reason,
    actionsTaken: n.actions_taken,
    body: n.body,
    createdAt: n.created_at,
    addenda: addenda.map((a) => ({
      id: a.id,
      author: person(a.author_id, a.author_name),
      body: a.body,
      createdAt: a.created_at,
    })),
    commitments: commitments.map((c) => toCommitment(c, today)),
  };
}
