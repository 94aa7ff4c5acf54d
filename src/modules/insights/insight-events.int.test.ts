import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertAnsweredSurvey } from '../../../test/dashboard-rows';
import { recordRefundRequest } from '../../../test/factories';
import { startDesk, type TestApp, type TestClient } from '../../../test/harness';
import { insightEventsDrift } from '../../db/migrations/0026-insight-events';
import { newId } from '../../platform/ids';

// The dashboard's table when one case is written by two transactions at once: a survey answered
// while a new request on the same case is being recorded. Without the per-case lock in the
// triggers, the request's event reads the surveys before the answer commits and the answer's
// recount does not see the uncommitted event, so the event keeps no rating.
const onPostgres = process.env.KULANZ_TEST_DB === 'postgres';
if (!onPostgres)
  console.log(
    'insight-events.int.test: two transactions at once on one case happen only on PostgreSQL (PGlite has one connection); the sequential case runs on both',
  );

let t: TestApp;
let agent: TestClient;

beforeAll(async () => {
  ({ t, agent } = await startDesk());
});
afterAll(() => t.close());

/** A second refund request on the case of `requestId`: the same row under a new id. */
const copyRequest = (db: TestApp['db'], requestId: string) =>
  sql`insert into refund_requests
    select ${newId('rfr', t.clock.now())}, case_id, account_id, payment_id, order_id, reason_code, customer_words,
      mood, requested_minor, currency, status, status_since, policy_version, facts, evaluation, evaluated_at,
      decided_minor, decided_by, decided_at, decision_note, alternative, execution_method, execution_ref,
      failure_reason, null, null, created_by, created_at, updated_at
    from refund_requests where id = ${requestId}`.execute(db);

const ratingsOf = async (caseId: string) =>
  (
    await t.db
      .selectFrom('insight_events')
      .select(['id', 'answers', 'rating_sum'])
      .where('case_id', '=', caseId)
      .orderBy('id')
      .execute()
  ).map((r) => [r.answers, r.rating_sum]);

describe('the dashboard’s table with one case written at once', () => {
  it('gives a request recorded after the case’s survey was answered that answer', async () => {
    const first = await recordRefundRequest(t, agent, { daysAgo: 3 });
    const accountId = (
      await t.db
        .selectFrom('cases')
        .select('account_id')
        .where('id', '=', first.caseId)
        .executeTakeFirstOrThrow()
    ).account_id;
    await insertAnsweredSurvey(t, first.caseId, accountId, 2);
    await copyRequest(t.db, first.id);
    expect(await ratingsOf(first.caseId)).toEqual([
      [1, 2],
      [1, 2],
    ]);
    expect(await insightEventsDrift(t.db, [accountId])).toEqual([]);
  });

  it.runIf(onPostgres)(
    'keeps the answer on a request recorded while the survey’s answer was not yet committed',
    async () => {
      const first = await recordRefundRequest(t, agent, { daysAgo: 3 });
      const accountId = (
        await t.db
          .selectFrom('cases')
          .select('account_id')
          .where('id', '=', first.caseId)
          .executeTakeFirstOrThrow()
      ).account_id;
      let release!: () => void;
      const released = new Promise<void>((resolve) => {
        release = resolve;
      });
      let answered!: () => void;
      const surveyWritten = new Promise<void>((resolve) => {
        answered = resolve;
      });
      // the answer's transaction: written, its triggers run, then held open
      const answer = t.db.transaction().execute(async (trx) => {
        await sql`insert into surveys (id, case_id, account_id, state, due_at, rating, answered_at, created_at)
          values (${newId('srv', t.clock.now())}, ${first.caseId}, ${accountId}, 'answered', now(), 4, now(), now())`.execute(
          trx,
        );
        answered();
        await released;
      });
      await surveyWritten;
      // meanwhile a second request on the same case: its trigger waits for the answer's commit
      let recorded = false;
      const second = copyRequest(t.db, first.id).then(() => {
        recorded = true;
      });
      await new Promise((r) => setTimeout(r, 300));
      expect(recorded).toBe(false);
      release();
      await Promise.all([answer, second]);
      expect(await ratingsOf(first.caseId)).toEqual([
        [1, 4],
        [1, 4],
      ]);
      expect(await insightEventsDrift(t.db, [accountId])).toEqual([]);
    },
  );
});
