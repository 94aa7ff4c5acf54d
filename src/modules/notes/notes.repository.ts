import type { Executor } from '../../platform/audit';

export interface CommitmentFilter {
  ownerId?: string;
  accountId?: string;
  status?: 'open' | 'done';
  noteIds?: string[];
  id?: string;
}

/** The commitments matching `filter`, due first (the builder, so a view can nest it in its own statement). */
export function listCommitmentsQuery(db: Executor, filter: CommitmentFilter) {
  let q = db
    .selectFrom('commitments')
    .innerJoin('accounts', 'accounts.id', 'commitments.account_id')
    .innerJoin('staff_users as owner', 'owner.id', 'commitments.owner_id')
    .leftJoin('staff_users as doner', 'doner.id', 'commitments.done_by')
    .leftJoin('cases', 'cases.id', 'commitments.case_id')
    .selectAll('commitments')
    .select([
      'accounts.account_number',
      'accounts.first_name',
      'accounts.last_name',
      'owner.display_name as owner_name',
      'doner.display_name as done_by_name',
      'cases.case_number',
    ]);
  if (filter.ownerId) q = q.where('commitments.owner_id', '=', filter.ownerId);
  if (filter.accountId) q = q.where('commitments.account_id', '=', filter.accountId);
  if (filter.status) q = q.where('commitments.status', '=', filter.status);
  if (filter.id) q = q.where('commitments.id', '=', filter.id);
  if (filter.noteIds)
    q = filter.noteIds.length
      ? q.where('commitments.note_id', 'in', filter.noteIds)
      : q.where((eb) => eb.lit(false));
  return q.orderBy('commitments.due_on').orderBy('commitments.created_at').limit(500);
}

export function listCommitments(db: Executor, filter: CommitmentFilter) {
  // no notes, no commitments: no round trip
  if (filter.noteIds?.length === 0) return Promise.resolve([]);
  return listCommitmentsQuery(db, filter).execute();
}

export type CommitmentRow = Awaited<ReturnType<typeof listCommitments>>[number];

export function listNotes(db: Executor, where: { accountId?: string; ids?: string[] }) {
  let q = db
    .selectFrom('notes')
    .leftJoin('staff_users', 'staff_users.id', 'notes.author_id')
    .leftJoin('cases', 'cases.id', 'notes.case_id')
    .selectAll('notes')
    .select(['staff_users.display_name as author_name', 'cases.case_number']);
  if (where.accountId) q = q.where('notes.account_id', '=', where.accountId);
  if (where.ids) q = q.where('notes.id', 'in', where.ids);
  return q.orderBy('notes.created_at', 'desc').orderBy('notes.id', 'desc').limit(500).execute();
}
