import type { Insertable, Selectable } from 'kysely';
import { sql } from 'kysely';
import type { Executor } from '../../platform/audit';
import type { SurveysTable } from './surveys.table';

export type SurveyRow = Selectable<SurveysTable>;

/** The case's follow-up that is scheduled or sent (one at a time, index surveys_one_open_per_case). */
export function findOpenSurveyOfCase(db: Executor, caseId: string) {
  return db
    .selectFrom('surveys')
    .select('id')
    .where('case_id', '=', caseId)
    .where('state', 'in', ['scheduled', 'sent'])
    .executeTakeFirst();
}

export async function insertSurvey(trx: Executor, row: Insertable<SurveysTable>): Promise<void> {
  await trx.insertInto('surveys').values(row).execute();
}

/** The survey locked for the rest of the transaction, or undefined. */
export function lockSurvey(trx: Executor, id: string): Promise<SurveyRow | undefined> {
  return trx.selectFrom('surveys').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** The case's follow-up that has not gone out yet, locked, or undefined. */
export function lockScheduledSurveyOfCase(trx: Executor, caseId: string): Promise<SurveyRow | undefined> {
  return trx
    .selectFrom('surveys')
    .selectAll()
    .where('case_id', '=', caseId)
    .where('state', '=', 'scheduled')
    .forUpdate()
    .executeTakeFirst();
}

/** The survey a link's token leads to (by its keyed hash), locked when it is about to be answered. */
export function findSurveyByTokenHash(
  db: Executor,
  tokenHash: string,
  options: { lock?: boolean } = {},
): Promise<SurveyRow | undefined> {
  const q = db.selectFrom('surveys').selectAll().where('token_hash', '=', tokenHash);
  return (options.lock ? q.forUpdate() : q).executeTakeFirst();
}

export async function updateSurvey(
  trx: Executor,
  id: string,
  changes: Partial<
    Pick<
      SurveysTable,
      | 'state'
      | 'job_id'
      | 'token_hash'
      | 'message_id'
      | 'sent_at'
      | 'expires_at'
      | 'rating'
      | 'comment'
      | 'answered_at'
      | 'cancelled_at'
    >
  >,
): Promise<void> {
  await trx.updateTable('surveys').set(changes).where('id', '=', id).execute();
}

/** A case's follow-ups oldest first, or an account's newest first. */
export function listSurveys(db: Executor, of: { caseId: string } | { accountId: string }) {
  return 'caseId' in of
    ? db.selectFrom('surveys').selectAll().where('case_id', '=', of.caseId).orderBy('created_at').execute()
    : db
        .selectFrom('surveys')
        .selectAll()
        .where('account_id', '=', of.accountId)
        .orderBy('created_at', 'desc')
        .execute();
}

/** Survey answers per calendar week in the business time zone: how many, the average, how many 1–2 stars. */
export function surveyAnswersByWeek(db: Executor, range: { from: Date; to: Date; timeZone: string }) {
  return db
    .selectFrom('surveys')
    .select([
      sql<string>`to_char(date_trunc('week', answered_at at time zone ${range.timeZone}), 'YYYY-MM-DD')`.as(
        'week',
      ),
      sql<number>`count(*)::int`.as('answers'),
      sql<number>`avg(rating)::float8`.as('average'),
      sql<number>`(count(*) filter (where rating <= 2))::int`.as('low'),
    ])
    .where('answered_at', '>=', range.from)
    .where('answered_at', '<', range.to)
    .where('rating', 'is not', null)
    .groupBy(sql`1`)
    .execute();
}
