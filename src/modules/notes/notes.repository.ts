import type { Insertable } from 'kysely';
import type { Executor } from '../../platform/audit';
import type { CommitmentsTable, NotesTable } from './notes.table';

export interface CommitmentFilter {
  ownerId?: string;
  accountId?: string;
  status?: 'open' | 'done';
  noteIds?: string[];
  id?: string;
}

/**
 * Commitments matching `filter`, due first, with what their list shows beside them: the account's
 * number and holder, the owner's and closer's names, the case number (read joins, see
 * ALLOWED_READ_JOINS). The builder, so a view can nest it in its own statement.
 */
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

/**
 * Notes newest first with their author's name and case number (read joins, see ALLOWED_READ_JOINS):
 * an account's, the ones with these ids, or the addenda to these notes.
 */
export function listNotes(db: Executor, where: { accountId?: string; ids?: string[]; addendaTo?: string[] }) {
  let q = db
    .selectFrom('notes')
    .leftJoin('staff_users', 'staff_users.id', 'notes.author_id')
    .leftJoin('cases', 'cases.id', 'notes.case_id')
    .selectAll('notes')
    .select(['staff_users.display_name as author_name', 'cases.case_number']);
  if (where.accountId) q = q.where('notes.account_id', '=', where.accountId);
  if (where.ids) q = q.where('notes.id', 'in', where.ids);
  if (where.addendaTo) q = q.where('notes.addendum_to', 'in', where.addendaTo);
  return q.orderBy('notes.created_at', 'desc').orderBy('notes.id', 'desc').limit(500).execute();
}

export function findNote(db: Executor, id: string) {
  return db
    .selectFrom('notes')
    .select(['id', 'account_id', 'case_id', 'addendum_to'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertNote(trx: Executor, row: Insertable<NotesTable>): Promise<void> {
  await trx.insertInto('notes').values(row).execute();
}

export async function insertCommitments(trx: Executor, rows: Insertable<CommitmentsTable>[]): Promise<void> {
  if (rows.length) await trx.insertInto('commitments').values(rows).execute();
}

export function lockCommitment(trx: Executor, id: string) {
  return trx.selectFrom('commitments').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** The undo of markCommitmentDone: open again, with no one recorded as having kept it. */
export async function markCommitmentOpen(trx: Executor, id: string) {
  await trx
    .updateTable('commitments')
    .set({ status: 'open', done_at: null, done_by: null })
    .where('id', '=', id)
    .execute();
}

export async function markCommitmentDone(
  trx: Executor,
  id: string,
  by: { actorId: string | null; at: Date },
) {
  await trx
    .updateTable('commitments')
    .set({ status: 'done', done_at: by.at, done_by: by.actorId })
    .where('id', '=', id)
    .execute();
}
