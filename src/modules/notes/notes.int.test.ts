import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countAuditEvents, createAccountWithCase } from '../../../test/factories';
import { startDesk, type TestApp, type TestClient } from '../../../test/harness';
import { statementCountingApp } from '../../../test/statement-counter';
import { DAY } from '../../platform/clock';

let t: TestApp;
let agent: TestClient;
let lead: TestClient;
let admin: TestClient;
beforeAll(async () => {
  ({ t, agent, lead, admin } = await startDesk({ now: '2026-05-04T09:00:00Z' }));
});
afterAll(() => t?.close());

const setup = () => createAccountWithCase(t);

const auditCount = () => countAuditEvents(t);

const note = (accountId: string, caseId: string, extra: object = {}) => ({
  accountId,
  caseId,
  contactReason: 'Kunde möchte kündigen',
  actionsTaken: 'Rabatt angeboten, abgelehnt; Kündigung zum Laufzeitende vorgemerkt',
  body: 'Kunde war freundlich.',
  ...extra,
});

describe('account notes', () => {
  it('writes a note with commitments, shows it first in the history, and audits it', async () => {
    const { account, kase } = await setup();
    await agent.post('/api/notes', note(account.id, kase.id, { contactReason: 'Erster Kontakt' }));
    t.clock.advance(60_000);
    const res = await agent.post(
      '/api/notes',
      note(account.id, kase.id, {
        commitments: [
          { description: 'Rückruf wegen Gutschrift', dueOn: '2026-05-06' },
          { description: 'Prüfung durch Teamleitung', dueOn: '2026-05-05', ownerId: lead.user.id },
        ],
      }),
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      author: { id: agent.user.id },
      caseNumber: kase.caseNumber,
      addenda: [],
    });
    expect(res.body.commitments.map((c: { owner: { id: string } }) => c.owner.id)).toEqual([
      lead.user.id,
      agent.user.id,
    ]);
    const history = await agent.get(`/api/accounts/${account.id}/notes`);
    expect(history.body.items.map((n: { contactReason: string }) => n.contactReason)).toEqual([
      'Kunde möchte kündigen',
      'Erster Kontakt',
    ]);
    const audit = await t.db
      .selectFrom('audit_events')
      .selectAll()
      .where('entity_id', '=', res.body.id)
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ action: 'note.written', case_id: kase.id, account_id: account.id });
  });

  it('cannot be edited or deleted, not even in SQL; corrections are addenda', async () => {
    const { account, kase } = await setup();
    const { body: written } = await agent.post('/api/notes', note(account.id, kase.id));
    await expect(
      sql`update notes set body = 'geändert' where id = ${written.id}`.execute(t.db),
    ).rejects.toThrow(/append-only/);
    await expect(sql`delete from notes where id = ${written.id}`.execute(t.db)).rejects.toThrow(
      /append-only/,
    );
    expect((await agent.patch(`/api/notes/${written.id}`, { body: 'x' })).status).toBe(404);
    const addendum = await lead.post(`/api/notes/${written.id}/addenda`, {
      body: 'Korrektur: Kündigung erst zum 31.12.',
    });
    expect(addendum.status).toBe(201);
    expect(addendum.body.body).toBe('Kunde war freundlich.');
    expect(addendum.body.addenda).toEqual([
      expect.objectContaining({
        body: 'Korrektur: Kündigung erst zum 31.12.',
        author: expect.objectContaining({ id: lead.user.id }),
      }),
    ]);
    const history = await agent.get(`/api/accounts/${account.id}/notes`);
    expect(history.body.items).toHaveLength(1);
  });

  it("lists an agent's open commitments with overdue ones marked, and lets the owner or a lead close them", async () => {
    const { account, kase } = await setup();
    const { body: written } = await agent.post(
      '/api/notes',
      note(account.id, kase.id, { commitments: [{ description: 'Gutschrift prüfen', dueOn: '2026-05-05' }] }),
    );
    const id = written.commitments[0].id;
    t.clock.advance(2 * DAY);
    // sessions last 12 hours: the agent logs in again two days later
    agent = await t.login('agent');
    lead = await t.login('lead');
    admin = await t.login('admin');
    const mine = await agent.get('/api/commitments?owner=me&status=open');
    expect(mine.body.items.find((c: { id: string }) => c.id === id)).toMatchObject({
      overdue: true,
      accountNumber: account.accountNumber,
      caseNumber: kase.caseNumber,
    });
    const { body: other } = await lead.post(
      '/api/notes',
      note(account.id, kase.id, { commitments: [{ description: 'Leitung', dueOn: '2026-05-10' }] }),
    );
    expect((await agent.post(`/api/commitments/${other.commitments[0].id}/done`)).status).toBe(403);
    const done = await agent.post(`/api/commitments/${id}/done`);
    expect(done.body).toMatchObject({ status: 'done', overdue: false, doneBy: { id: agent.user.id } });
    expect((await agent.post(`/api/commitments/${id}/done`)).body.code).toBe('COMMITMENT_ALREADY_DONE');
    expect((await admin.post(`/api/commitments/${other.commitments[0].id}/done`)).status).toBe(200);
    const open = await agent.get('/api/commitments?owner=me&status=open');
    expect(open.body.items.map((c: { id: string }) => c.id)).not.toContain(id);
  });

  it('reopens a commitment marked done (the undo), for its owner or a lead only, audited, and refuses an open one', async () => {
    t.clock.set('2026-05-04T09:00:00Z');
    agent = await t.login('agent');
    lead = await t.login('lead');
    const { account, kase } = await setup();
    const { body: written } = await agent.post(
      '/api/notes',
      note(account.id, kase.id, { commitments: [{ description: 'Rückruf', dueOn: '2026-05-06' }] }),
    );
    const id = written.commitments[0].id;
    const stillOpen = await agent.post(`/api/commitments/${id}/reopen`);
    expect(stillOpen.status).toBe(409);
    expect(stillOpen.body).toMatchObject({ code: 'COMMITMENT_NOT_DONE', field: 'params.id' });
    expect((await agent.post(`/api/commitments/${id}/done`)).status).toBe(200);

    const { body: leads } = await lead.post(
      '/api/notes',
      note(account.id, kase.id, { commitments: [{ description: 'Leitung prüft', dueOn: '2026-05-07' }] }),
    );
    const leadsId = leads.commitments[0].id;
    expect((await lead.post(`/api/commitments/${leadsId}/done`)).status).toBe(200);
    const notYours = await agent.post(`/api/commitments/${leadsId}/reopen`);
    expect(notYours.status).toBe(403);
    expect(notYours.body.code).toBe('COMMITMENT_NOT_YOURS');
    expect((await agent.get(`/api/commitments?accountId=${account.id}&status=done`)).body.items).toHaveLength(
      2,
    );

    const before = await auditCount();
    const reopened = await agent.post(`/api/commitments/${id}/reopen`);
    expect(reopened.status).toBe(200);
    expect(reopened.body).toMatchObject({ id, status: 'open', doneAt: null, doneBy: null });
    expect(await auditCount()).toBe(before + 1);
    const event = await t.db
      .selectFrom('audit_events')
      .selectAll()
      .where('entity_id', '=', id)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(event).toMatchObject({
      action: 'commitment.reopened',
      actor_id: agent.user.id,
      account_id: account.id,
    });
    expect(
      (await agent.get('/api/commitments?owner=me&status=open')).body.items.map((c: { id: string }) => c.id),
    ).toContain(id);
    expect((await lead.post(`/api/commitments/${leadsId}/reopen`)).status).toBe(200);
  });

  it('closes a commitment once and reopens it once under 20 parallel clicks', async () => {
    t.clock.set('2026-05-04T09:00:00Z');
    agent = await t.login('agent');
    const { account, kase } = await setup();
    const { body: written } = await agent.post(
      '/api/notes',
      note(account.id, kase.id, { commitments: [{ description: 'Gutschrift', dueOn: '2026-05-06' }] }),
    );
    const id = written.commitments[0].id;
    const events = (action: string) =>
      t.db
        .selectFrom('audit_events')
        .select('id')
        .where('entity_id', '=', id)
        .where('action', '=', action)
        .execute();
    const done = await Promise.all(
      Array.from({ length: 20 }, () => agent.post(`/api/commitments/${id}/done`)),
    );
    expect(done.filter((r) => r.status === 200)).toHaveLength(1);
    expect(done.filter((r) => r.status === 409).every((r) => r.body.code === 'COMMITMENT_ALREADY_DONE')).toBe(
      true,
    );
    expect(done.filter((r) => r.status === 409)).toHaveLength(19);
    expect(await events('commitment.done')).toHaveLength(1);
    const reopened = await Promise.all(
      Array.from({ length: 20 }, () => agent.post(`/api/commitments/${id}/reopen`)),
    );
    expect(reopened.filter((r) => r.status === 200)).toHaveLength(1);
    expect(reopened.filter((r) => r.status === 409)).toHaveLength(19);
    expect(await events('commitment.reopened')).toHaveLength(1);
  });

  it('refuses bad input with the field named and writes nothing', async () => {
    t.clock.set('2026-05-04T09:00:00Z');
    agent = await t.login('agent');
    const { account, kase } = await setup();
    const other = await setup();
    const before = await auditCount();
    const bad: Array<[object, string, number]> = [
      [{ ...note(account.id, kase.id), contactReason: '' }, 'body.contactReason', 400],
      [{ ...note(account.id, kase.id), actionsTaken: 42 }, 'body.actionsTaken', 400],
      [{ ...note(account.id, kase.id), body: 'x'.repeat(20_000) }, 'body.body', 400],
      [{ ...note(account.id, kase.id), caseId: undefined }, 'body.caseId', 400],
      [note(account.id, other.kase.id), 'body.caseId', 400],
      [note('acc_nope', kase.id), 'body.accountId', 404],
      [
        note(account.id, kase.id, { commitments: [{ description: 'x', dueOn: '2026-05-03' }] }),
        'body.commitments.0.dueOn',
        400,
      ],
      [
        note(account.id, kase.id, { commitments: [{ description: 'x', dueOn: '3.5.2026' }] }),
        'body.commitments.0.dueOn',
        400,
      ],
      [
        note(account.id, kase.id, {
          commitments: [{ description: 'x', dueOn: '2026-06-01', ownerId: 'usr_nope' }],
        }),
        'body.commitments.0.ownerId',
        400,
      ],
    ];
    for (const [body, field, status] of bad) {
      const res = await agent.post('/api/notes', body);
      expect(res.status, field).toBe(status);
      expect(res.body.field).toBe(field);
    }
    expect((await agent.post('/api/notes/note_nope/addenda', { body: 'x' })).status).toBe(404);
    expect(await auditCount()).toBe(before);
    const notes = await t.db.selectFrom('notes').select('id').where('account_id', '=', account.id).execute();
    expect(notes).toHaveLength(0);
  });
});

describe('what a note is checked against, and what it costs', () => {
  it('names an unknown account first, then an unknown case, then a case of another account', async () => {
    const { account, kase } = await setup();
    const other = await setup();
    const cases = [
      { accountId: 'acc_nope', caseId: kase.id, code: 'ACCOUNT_NOT_FOUND', field: 'body.accountId' },
      { accountId: 'acc_nope', caseId: 'case_nope', code: 'ACCOUNT_NOT_FOUND', field: 'body.accountId' },
      { accountId: account.id, caseId: 'case_nope', code: 'CASE_NOT_FOUND', field: 'body.caseId' },
      { accountId: account.id, caseId: other.kase.id, code: 'NOTE_CASE_INVALID', field: 'body.caseId' },
    ];
    const before = await auditCount();
    for (const c of cases) {
      const res = await agent.post('/api/notes', note(c.accountId, c.caseId));
      expect({ status: res.status, code: res.body.code, field: res.body.field }).toEqual({
        status: c.code === 'NOTE_CASE_INVALID' ? 400 : 404,
        code: c.code,
        field: c.field,
      });
    }
    expect(await auditCount()).toBe(before);
  });

  it('is three statements after the session check, and one more per commitment owner', async () => {
    const { account, kase } = await setup();
    const counting = await statementCountingApp(t);
    try {
      await counting.get('/api/auth/session'); // the session is checked (and remembered) here
      const plain = await counting.post('/api/notes', note(account.id, kase.id));
      expect(plain.status).toBe(201);
      expect(plain.body).toMatchObject({ caseNumber: kase.caseNumber, addenda: [], commitments: [] });
      // the case with its account; the note with its audit event; the note as answered.
      // Was 7: the account, the case, the note, the audit event, the note, its addenda, its commitments
      expect(plain.statements, plain.sent.join('\n')).toBe(3);
      const promised = await counting.post(
        '/api/notes',
        note(account.id, kase.id, {
          commitments: [
            { description: 'Rückruf', dueOn: '2026-05-06' },
            { description: 'Prüfung', dueOn: '2026-05-05', ownerId: lead.user.id },
          ],
        }),
      );
      expect(promised.status).toBe(201);
      expect(promised.body.commitments.map((c: { owner: { id: string } }) => c.owner.id)).toEqual([
        lead.user.id,
        agent.user.id,
      ]);
      // each owner is checked (active staff); the commitments are written with the note
      expect(promised.statements, promised.sent.join('\n')).toBe(5);
      const addendum = await counting.post(`/api/notes/${plain.body.id}/addenda`, { body: 'Nachtrag' });
      expect(addendum.status).toBe(201);
      expect(addendum.body.addenda.map((a: { body: string }) => a.body)).toEqual(['Nachtrag']);
      // the note corrected; the addendum with its audit event; the note as answered
      expect(addendum.statements, addendum.sent.join('\n')).toBe(3);
    } finally {
      await counting.close();
    }
  });
});
