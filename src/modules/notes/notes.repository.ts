import { type Insertable, sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { AuditInsert, Executor } from '../../platform/audit';
import { timestampsFromJson } from '../../platform/json-rows';
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

const notesQuery = (db: Executor) =>
  db
    .selectFrom('notes')
    .leftJoin('staff_users', 'staff_users.id', 'notes.author_id')
    .leftJoin('cases', 'cases.id', 'notes.case_id')
    .selectAll('notes')
    .select(['staff_users.display_name as author_name', 'cases.case_number']);

/**
 * Notes newest first with their author's name and case number (read joins, see ALLOWED_READ_JOINS):
 * an account's, the ones with these ids, or the addenda to these notes.
 */
export function listNotes(db: Executor, where: { accountId?: string; ids?: string[]; addendaTo?: string[] }) {
  let q = notesQuery(db);
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

/** A new note (or addendum) with its commitments and the audit event of its writing, in one statement. */
export async function insertNoteWithAudit(
  trx: Executor,
  note: Insertable<NotesTable>,
  commitments: Insertable<CommitmentsTable>[],
  audit: AuditInsert,
): Promise<void> {
  const withAudit = trx.with('audit', () => audit);
  if (commitments.length === 0) {
    await withAudit.insertInto('notes').values(note).execute();
    return;
  }
  await withAudit
    .with('promised', (db) => db.insertInto('commitments').values(commitments).returning('id'))
    .insertInto('notes')
    .values(note)
    .execute();
}

/**
 * The notes with these ids, newest first, each with its addenda (oldest first, with their
 * author's name) and its commitments (as listCommitmentsQuery lists them), in one statement.
 */
export async function listNotesWithParts(db: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  const rows = await notesQuery(db)
    .select([
      jsonArrayFrom(
        db
          .selectFrom('notes as addendum')
          .leftJoin('staff_users as addendum_author', 'addendum_author.id', 'addendum.author_id')
          .select([
            'addendum.id',
            'addendum.author_id',
            'addendum.body',
            'addendum.created_at',
            'addendum_author.display_name as author_name',
          ])
          .where('addendum.addendum_to', '=', sql.ref<string>('notes.id'))
          // the order listNotes answers them in (newest first), then sorted oldest first
          .orderBy('addendum.created_at')
          .orderBy('addendum.id', 'desc'),
      ).as('addenda_json'),
      jsonArrayFrom(
        listCommitmentsQuery(db, {}).where('commitments.note_id', '=', sql.ref<string>('notes.id')),
      ).as('commitments_json'),
    ])
    .where('notes.id', 'in', ids)
    .orderBy('notes.created_at', 'desc')
    .orderBy('notes.id', 'desc')
    .limit(500)
    .execute();
  return rows.map(({ addenda_json, commitments_json, ...note }) => ({
    ...note,
    addenda: addenda_json.map(timestampsFromJson),
    commitments: commitments_json.map(timestampsFromJson),
  }));
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
