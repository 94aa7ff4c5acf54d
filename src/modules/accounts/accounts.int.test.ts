import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addBilling,
  addOrder,
  countAuditEvents,
  createAccount,
  createCase,
  markVerified,
  setLockout,
} from '../../../test/factories';
import { startTestApp, type TestApp, type TestClient } from '../../../test/harness';
import { statementCountingApp } from '../../../test/statement-counter';
import { DEMO_LOGINS } from '../../demo/seed-demo';
import { searchAccounts } from './index';
import { nameKey } from './name-spellings';

let t: TestApp;
let agent: TestClient;
let erika: Awaited<ReturnType<typeof createAccount>>;

beforeAll(async () => {
  t = await startTestApp({ now: '2026-05-04T09:00:00Z' });
  agent = await t.login('agent');
  erika = await createAccount(t, {
    firstName: 'Erika',
    lastName: 'Müllerschön',
    email: 'Erika.Muellerschoen@Example.DE',
    phone: '030 9876543',
    representatives: [
      { firstName: 'Hans', lastName: 'Zwiebelmann', phone: '+49 171 5550123', canCancel: true },
    ],
  });
});
afterAll(() => t.close());

const agentLogin = () => {
  const { email, password } = DEMO_LOGINS.find((l) => l.role === 'agent')!;
  return { email, password };
};

/** The holder is verified on the case for the next 30 minutes, as a passed check leaves it. */
async function verifyHolderOn(caseId: string) {
  await markVerified(t, caseId);
}

const contactChangeAudit = (accountId: string) =>
  t.db
    .selectFrom('audit_events')
    .selectAll()
    .where('entity_id', '=', accountId)
    .where('action', '=', 'account.contact_changed')
    .executeTakeFirstOrThrow();

const auditCount = () => countAuditEvents(t);

const search = (q: string) => agent.get(`/api/accounts/search?q=${encodeURIComponent(q)}`);
const ids = (res: { body: { items: Array<{ id: string }> } }) => res.body.items.map((i) => i.id);

describe('lookup', () => {
  it('finds an account by its number, with or without the K', async () => {
    const res = await search(erika.accountNumber.toLowerCase());
    expect(res.body).toMatchObject({ interpretedAs: 'account_number', normalized: erika.accountNumber });
    expect(ids(res)).toEqual([erika.id]);
    expect(ids(await search(erika.accountNumber.slice(1)))).toEqual([erika.id]);
  });

  it.each(['+49 30 9876543', '030/9876543', '(030) 987 65 43', '0049 30 98 76 543'])(
    'finds an account by the phone number typed as %s',
    async (phone) => {
      const res = await search(phone);
      expect(res.body).toMatchObject({ interpretedAs: 'phone', normalized: '+49309876543' });
      expect(ids(res)).toContain(erika.id);
    },
  );

  it('finds an account by e-mail in any case', async () => {
    const res = await search('ERIKA.muellerschoen@example.de');
    expect(res.body.interpretedAs).toBe('email');
    expect(ids(res)).toEqual([erika.id]);
  });

  it.each([
    'Erika Müllerschön',
    'erika muellerschoen',
    'Muellerschoen Erika',
    'Erika Mullerschön',
    'Erika Muelerschoen',
  ])('finds an account by the name %s (umlauts, order, typos)', async (name) => {
    const res = await search(name);
    expect(res.body.interpretedAs).toBe('name');
    expect(res.body.items[0]?.id).toBe(erika.id);
  });

  it("finds the holder's account by a representative's phone and name", async () => {
    const byPhone = await search('0171 5550123');
    expect(byPhone.body.items).toEqual([
      expect.objectContaining({
        id: erika.id,
        matchedOn: 'representative',
        representativeName: 'Hans Zwiebelmann',
      }),
    ]);
    const byName = await search('Hans Zwiebelman');
    expect(byName.body.items.find((i: { id: string }) => i.id === erika.id)?.matchedOn).toBe(
      'representative',
    );
  });

  it('shows a locked account as locked in the result list', async () => {
    const locked = await createAccount(t, { firstName: 'Lotte', lastName: 'Sperrling' });
    await setLockout(t, locked.id, {
      lockedUntil: new Date('2026-05-04T09:10:00Z'),
      flaggedAt: t.clock.now(),
    });
    const res = await search(locked.accountNumber);
    expect(res.body.items[0]).toMatchObject({ verificationLocked: true, flagged: true });
  });

  it('answers nothing found rather than an error, and refuses a one-letter or huge query', async () => {
    expect((await search('Xyzzyqwv Pflumpf')).body.items).toEqual([]);
    const short = await search('a');
    expect(short.status).toBe(400);
    expect(short.body.field).toBe('querystring.q');
    expect((await search('x'.repeat(500))).status).toBe(400);
    expect((await t.anonymous().get('/api/accounts/search?q=erika')).status).toBe(401);
  });
});

describe('account view', () => {
  it("shows the account's whole situation: holder, representatives, subscriptions, money, cases", async () => {
    const account = await createAccount(t, { firstName: 'Bernd', lastName: 'Brot' });
    const { plan } = await addBilling(t, account.id);
    const kase = await createCase(t, account.id);
    const res = await agent.get(`/api/accounts/${account.id}`);
    expect(res.status).toBe(200);
    expect(res.body.account).toMatchObject({
      accountNumber: account.accountNumber,
      firstName: 'Bernd',
      status: 'active',
    });
    expect(res.body.subscriptions[0]).toMatchObject({
      planCode: plan.code,
      status: 'active',
      nextRenewalOn: '2027-01-01',
    });
    expect(res.body.invoices).toHaveLength(3);
    expect(res.body.balance).toEqual({ outstandingMinor: 3999 + 2500, overdueMinor: 3999, currency: 'EUR' });
    expect(res.body.invoices.filter((i: { overdue: boolean }) => i.overdue)).toHaveLength(1);
    expect(res.body.payments[0]).toMatchObject({ amountMinor: 9900, refundedMinor: 900, method: 'card' });
    expect(res.body.storeCredit.balanceMinor).toBe(1000);
    expect(res.body.cases.map((c: { id: string }) => c.id)).toEqual([kase.id]);
    const withRep = await agent.get(`/api/accounts/${erika.id}`);
    expect(withRep.body.representatives[0]).toMatchObject({
      firstName: 'Hans',
      canCancel: true,
      canRequestRefunds: false,
    });
  });

  it('is one statement after the session check, however much the account holds, and the session is checked once', async () => {
    const account = await createAccount(t, {
      firstName: 'Rudi',
      lastName: 'Rundreise',
      representatives: [{ firstName: 'Vera', lastName: 'Vertreterin' }],
    });
    await addBilling(t, account.id);
    await addOrder(t, account.id);
    await createCase(t, account.id);
    const counting = await statementCountingApp(t);
    try {
      const res = await counting.get(`/api/accounts/${account.id}`);
      expect(res.status).toBe(200);
      // the view really holds every part, so the count is not that of an empty account
      expect({
        representatives: res.body.representatives.length,
        subscriptions: res.body.subscriptions.length,
        orders: res.body.orders.length,
        payments: res.body.payments.length,
        invoices: res.body.invoices.length,
        credit: res.body.storeCredit.entries.length,
        cases: res.body.cases.length,
      }).toEqual({
        representatives: 1,
        subscriptions: 1,
        orders: 1,
        payments: 1,
        invoices: 3,
        credit: 2,
        cases: 1,
      });
      // the session check and the view: was 11 (one per part) before the view was one statement
      expect(res.statements).toBe(2);
      // the next request: the session is remembered (SessionCache), only the view is asked for
      const again = await counting.get(`/api/accounts/${account.id}`);
      expect({ status: again.status, statements: again.statements }).toEqual({ status: 200, statements: 1 });
      const missing = await counting.get('/api/accounts/acc_nope');
      expect({ status: missing.status, statements: missing.statements }).toEqual({
        status: 404,
        statements: 1,
      });
    } finally {
      await counting.close();
    }
  });

  it('answers 404 naming the id for an unknown account', async () => {
    const res = await agent.get('/api/accounts/acc_nope');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: 'ACCOUNT_NOT_FOUND', field: 'params.id' });
  });
});

describe('contact change', () => {
  it('is refused until the caller on the case is verified, then changes and audits', async () => {
    const account = await createAccount(t, { firstName: 'Clara', lastName: 'Kontakt', phone: '030 1111111' });
    const kase = await createCase(t, account.id);
    const before = await auditCount();
    const refused = await agent.patch(`/api/accounts/${account.id}/contact`, {
      caseId: kase.id,
      phone: '040 2222222',
    });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('VERIFICATION_REQUIRED');
    expect(await auditCount()).toBe(before);

    await verifyHolderOn(kase.id);
    const bad = await agent.patch(`/api/accounts/${account.id}/contact`, {
      caseId: kase.id,
      phone: 'kaputt',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('body.phone');
    const ok = await agent.patch(`/api/accounts/${account.id}/contact`, {
      caseId: kase.id,
      phone: '040 2222222',
      city: 'Hamburg',
      postalCode: '20095',
    });
    expect(ok.status).toBe(200);
    expect(ok.body.account).toMatchObject({
      phone: '040 2222222',
      phoneE164: '+49402222222',
      city: 'Hamburg',
    });
    expect(ids(await search('+49 40 2222222'))).toContain(account.id);
    const audit = await contactChangeAudit(account.id);
    expect(audit.case_id).toBe(kase.id);
    expect(audit.changes).toEqual({
      phone: { from: '030 1111111', to: '040 2222222' },
      city: { from: expect.anything(), to: 'Hamburg' },
      postalCode: { from: expect.anything(), to: '20095' },
    });

    const other = await createAccount(t, {});
    const mismatch = await agent.patch(`/api/accounts/${other.id}/contact`, {
      caseId: kase.id,
      city: 'Köln',
    });
    expect(mismatch.body.code).toBe('VERIFICATION_CASE_MISMATCH');
    const unknownField = await agent.patch(`/api/accounts/${account.id}/contact`, {
      caseId: kase.id,
      creditLimit: 1,
    });
    expect(unknownField.status).toBe(400);
  });
});

describe('lookup at scale', () => {
  it('finds a surname alone with a typo, and finds nobody for a name that only shares letters', async () => {
    const res = await search('Muelerschoen');
    expect(res.body.items[0]?.id).toBe(erika.id);
    expect(ids(await search('Schoen'))).not.toContain(erika.id);
  });

  it('ranks the closest name first', async () => {
    const exact = await createAccount(t, { firstName: 'Karl', lastName: 'Trigrammeier' });
    const near = await createAccount(t, { firstName: 'Karla', lastName: 'Trigrammeyer' });
    const res = await search('Karl Trigrammeier');
    expect(ids(res).slice(0, 2)).toEqual([exact.id, near.id]);
    expect(ids(await agent.get('/api/accounts/search?q=Karl%20Trigrammeier&limit=1'))).toEqual([exact.id]);
  });

  it('lists only close names when there are any, and casts the wide net only when there are none', async () => {
    const close = await createAccount(t, { firstName: 'Wendelin', lastName: 'Quastenberger' });
    // similarity 0.31 to the first query: found only by the wide net
    const far = await createAccount(t, { firstName: 'Walter', lastName: 'Quastenbaum' });
    const closeQuery = ids(await search('Wendelin Quastenberger'));
    expect(closeQuery[0]).toBe(close.id);
    expect(closeQuery).not.toContain(far.id);
    // nothing is close to this one (0.48 at best), so the weaker match is offered
    const wide = ids(await search('Quastenbaumann'));
    expect(wide).toEqual([far.id]);
  });

  it('reads names through the word dictionary and the word indexes, whatever the session threshold', async () => {
    await t.db.connection().execute(async (conn) => {
      await sql`select set_limit(0.99)`.execute(conn);
      const found = await searchAccounts({ ...t.systemDeps(), db: conn }, { q: 'Erika Mulerschoen' });
      expect(found.items.map((i) => i.id)).toContain(erika.id);
      await sql`select set_limit(0.3)`.execute(conn);
    });
    const plans = await t.db.transaction().execute(async (trx) => {
      await sql`set local enable_seqscan = off`.execute(trx);
      const plan = async (query: ReturnType<typeof sql>) =>
        (await sql<{ 'QUERY PLAN': string }>`explain ${query}`.execute(trx)).rows
          .map((r) => r['QUERY PLAN'])
          .join('\n');
      return [
        await plan(sql`select token from name_tokens where variants && name_token_variants(${'mueller'})`),
        await plan(
          sql`select id from accounts where string_to_array(search_name, ' ') @> ${['mueller']}::text[]`,
        ),
        await plan(sql`select id from accounts where name_key(search_name) = ${'erika mueller'}`),
        await plan(
          sql`select id from account_representatives where name_key(search_name) = ${'erika mueller'} and revoked_at is null`,
        ),
      ];
    });
    expect(plans[0]).toContain('name_tokens_variants');
    // the database's key of a name is the application's: distinct words in byte order
    const keys = await sql<{ k: string }>`select name_key(${'schmidt anna  anna b10 b2'}) as k`.execute(t.db);
    expect(keys.rows[0]?.k).toBe(nameKey(['schmidt', 'anna', 'anna', 'b10', 'b2']));
    expect(plans[1]).toContain('accounts_name_words');
    expect(plans[2]).toContain('accounts_name_key');
    expect(plans[3]).toContain('account_representatives_name_key');
  });
});

describe('lookup by name', () => {
  const names = (res: { body: { items: Array<{ firstName: string; lastName: string }> } }) =>
    res.body.items.map((i) => `${i.firstName} ${i.lastName}`);

  it('finds the account with one typo in the first or in the last name: swapped, dropped, added or changed', async () => {
    const account = await createAccount(t, { firstName: 'Friedhelm', lastName: 'Quappendorf' });
    for (const q of [
      'Fridhelm Quappendorf',
      'Freidhelm Quappendorf',
      'Friedhelm Quapendorf',
      'Friedhelm Quappednorf',
      'Friedhelm Quappenndorf',
      'Friedhelm Qvappendorf',
      'quappendorf friedhelm',
    ]) {
      const res = await search(q);
      expect(res.status).toBe(200);
      expect({ q, first: ids(res)[0] }).toEqual({ q, first: account.id });
    }
  });

  it('lists the exact name and its namesakes first, then the closest names', async () => {
    const [a, b] = [
      await createAccount(t, { firstName: 'Gerlinde', lastName: 'Namensvetter' }),
      await createAccount(t, { firstName: 'Gerlinde', lastName: 'Namensvetter' }),
    ];
    const near = await createAccount(t, { firstName: 'Gerlinde', lastName: 'Namensvettern' });
    const res = await search('Gerlinde Namensvetter');
    expect(ids(res).slice(0, 2).sort()).toEqual([a.id, b.id].sort());
    expect(ids(res)[2]).toBe(near.id);
    // with a typo nobody is exact: the closer name still comes first
    expect(names(await search('Gerlinde Namensvtter')).slice(0, 3)).toEqual([
      'Gerlinde Namensvetter',
      'Gerlinde Namensvetter',
      'Gerlinde Namensvettern',
    ]);
  });

  it('lets equally close spellings take turns, so namesakes of one cannot push the other out of the first results', async () => {
    // "Schmit" is one edit from both Schmitt and Schmidt: twelve namesakes of one must not hide the other
    const crowd = await Promise.all(
      Array.from({ length: 12 }, () => createAccount(t, { firstName: 'Walburga', lastName: 'Schmitt' })),
    );
    const other = await createAccount(t, { firstName: 'Walburga', lastName: 'Schmidt' });
    const res = await agent.get('/api/accounts/search?q=Walburga%20Schmit&limit=5');
    expect(ids(res)).toContain(other.id);
    expect(ids(res).filter((id) => crowd.some((c) => c.id === id))).toHaveLength(4);
    // the exact name still gets all the first places
    const exact = await agent.get('/api/accounts/search?q=Walburga%20Schmitt&limit=5');
    expect(ids(exact).every((id) => crowd.some((c) => c.id === id))).toBe(true);
  });

  it('finds the name while its last word is still being typed, and past a word the records do not have', async () => {
    const account = await createAccount(t, { firstName: 'Eberhardine', lastName: 'Tippfehlerling' });
    expect(ids(await search('Eberhardine Tippf'))[0]).toBe(account.id);
    expect(ids(await search('Dr Eberhardine Tippfehlerling'))[0]).toBe(account.id);
    expect(ids(await search('Eberhardine Xq Tippfehlerling'))[0]).toBe(account.id);
  });

  it('finds a name with a middle name the agent left out, and a surname alone', async () => {
    const account = await createAccount(t, { firstName: 'Hannelore Gisela', lastName: 'Mittelnamig' });
    expect(ids(await search('Hannelore Mittelnamig'))[0]).toBe(account.id);
    expect(ids(await search('Hanelore Mittelnamig'))[0]).toBe(account.id);
    expect(ids(await search('Mittelnamig'))).toEqual([account.id]);
  });

  it('finds a new account by its name at once, also by a name no one had before', async () => {
    const before = await search('Ottokar Zwirbelbartl');
    expect(before.body.items).toEqual([]);
    const account = await createAccount(t, { firstName: 'Ottokar', lastName: 'Zwirbelbartl' });
    expect(ids(await search('Ottokar Zwirbelbartl'))).toEqual([account.id]);
    expect(ids(await search('Ottokar Zwirblebartl'))).toEqual([account.id]);
  });

  it('finds a renamed account under its new name only', async () => {
    const account = await createAccount(t, { firstName: 'Gunda', lastName: 'Altnamigwitz' });
    expect(ids(await search('Gunda Altnamigwitz'))).toEqual([account.id]);
    await t.db
      .updateTable('accounts')
      .set({ last_name: 'Brennsteiner', search_name: 'gunda brennsteiner' })
      .where('id', '=', account.id)
      .execute();
    expect(ids(await search('Gunda Altnamigwitz'))).not.toContain(account.id);
    expect(ids(await search('Altnamigwitz'))).not.toContain(account.id);
    expect(ids(await search('Gunda Brennsteiner'))).toEqual([account.id]);
    expect(ids(await search('Gunda Brennstiener'))).toEqual([account.id]);
  });

  it("finds the holder's account by a representative's name, with a typo too, and not once revoked", async () => {
    const account = await createAccount(t, {
      firstName: 'Konrad',
      lastName: 'Kontoinhaber',
      representatives: [{ firstName: 'Hildegard', lastName: 'Vertretersen' }],
    });
    for (const q of ['Hildegard Vertretersen', 'Hildegrad Vertretersen', 'Hildegard Vertetersen']) {
      const res = await search(q);
      expect({ q, items: res.body.items }).toEqual({
        q,
        items: [
          expect.objectContaining({
            id: account.id,
            matchedOn: 'representative',
            representativeName: 'Hildegard Vertretersen',
          }),
        ],
      });
    }
    await t.db
      .updateTable('account_representatives')
      .set({ revoked_at: t.clock.now() })
      .where('id', '=', account.representatives[0]!.id)
      .execute();
    expect(ids(await search('Hildegard Vertretersen'))).not.toContain(account.id);
  });

  it('finds all of twenty accounts opened at once under a new name (the dictionary under concurrent writes)', async () => {
    const created = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        createAccount(t, { firstName: i % 2 ? 'Parallelia' : 'Gleichzeitina', lastName: 'Simultanowski' }),
      ),
    );
    const res = await agent.get('/api/accounts/search?q=Simultanowski&limit=50');
    expect(ids(res).sort()).toEqual(created.map((a) => a.id).sort());
    const dictionary = await t.db
      .selectFrom('name_tokens')
      .select('token')
      .where('token', 'in', ['parallelia', 'gleichzeitina', 'simultanowski'])
      .execute();
    expect(dictionary.map((r) => r.token).sort()).toEqual(['gleichzeitina', 'parallelia', 'simultanowski']);
  });

  it('answers hostile input with a 400 or an empty list, never an error', async () => {
    const raw = (encoded: string) => agent.get(`/api/accounts/search?q=${encoded}`);
    for (const encoded of ['Erika%00Mueller', '%00%00', 'erika%00@example.de', 'x'.repeat(10_000)]) {
      const res = await raw(encoded);
      expect({ encoded: encoded.slice(0, 40), status: res.status }).toEqual({
        encoded: encoded.slice(0, 40),
        status: 400,
      });
      expect(res.body.field).toBe('querystring.q');
    }
    // half a surrogate pair in the URL's bytes is no valid UTF-8: it arrives as U+FFFD and is no name
    for (const encoded of ['Erika%ED%A0%80Mueller', '%ED%B0%80%ED%B0%80', 'erika%ED%A0%80@example.de']) {
      const res = await raw(encoded);
      expect({ encoded, status: res.status }).toEqual({ encoded, status: 200 });
      expect(Array.isArray(res.body.items)).toBe(true);
    }
    for (const q of [
      '!!!---???',
      "%%__\\'",
      "'; drop table accounts; --",
      '… — „“ ✓ 🙂',
      'a b c d e f g h i j k l',
    ]) {
      const res = await search(q);
      expect({ q, status: res.status }).toEqual({ q, status: 200 });
      expect(Array.isArray(res.body.items)).toBe(true);
    }
    expect((await search('!!!---???')).body).toMatchObject({
      interpretedAs: 'name',
      normalized: null,
      items: [],
    });
    const long = await search('mueller '.repeat(24).trim());
    expect(long.status).toBe(200);
  });
});

describe('contact change input', () => {
  it('refuses missing, mistyped, huge and unknown input naming the field, and changes nothing', async () => {
    const account = await createAccount(t, { firstName: 'Dora', lastName: 'Eingabe', phone: '030 3333333' });
    const kase = await createCase(t, account.id);
    await verifyHolderOn(kase.id);
    const before = await auditCount();
    const row = () =>
      t.db.selectFrom('accounts').selectAll().where('id', '=', account.id).executeTakeFirstOrThrow();
    const original = await row();
    const url = `/api/accounts/${account.id}/contact`;
    const bad: Array<[unknown, string, number]> = [
      [{ city: 'Köln' }, 'body.caseId', 400],
      [{ caseId: 42, city: 'Köln' }, 'body.caseId', 400],
      [{ caseId: kase.id, phone: 4930123 }, 'body.phone', 400],
      [{ caseId: kase.id, city: 'x'.repeat(10_000) }, 'body.city', 400],
      [{ caseId: kase.id, email: `${'x'.repeat(10_000)}@example.de` }, 'body.email', 400],
      [{ caseId: kase.id, email: 'not-an-address' }, 'body.email', 400],
      [{ caseId: kase.id, language: 'fr' }, 'body.language', 400],
      [{ caseId: 'case_nope', city: 'Köln' }, 'body.caseId', 404],
    ];
    for (const [body, field, status] of bad) {
      const res = await agent.patch(url, body);
      expect({ body, status: res.status, field: res.body.field }).toEqual({ body, status, field });
    }
    const unknown = await agent.patch('/api/accounts/acc_nope/contact', { caseId: kase.id, city: 'Köln' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.field).toBe('params.id');
    expect(await auditCount()).toBe(before);
    expect(await row()).toEqual(original);
  });

  it('re-normalises a new e-mail so the lookup finds it, and refuses without a session or CSRF token', async () => {
    const account = await createAccount(t, { firstName: 'Emil', lastName: 'Neumail' });
    const kase = await createCase(t, account.id);
    await verifyHolderOn(kase.id);
    const url = `/api/accounts/${account.id}/contact`;
    const change = { caseId: kase.id, email: 'Emil.Neu@Example.DE' };
    // a logged-in session without its CSRF token, or with another one, is refused like no session
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: agentLogin() });
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    const before = await auditCount();
    const anonymous = await t.anonymous().patch(url, change);
    expect(anonymous.status).toBe(401);
    for (const token of [undefined, 'forged']) {
      const res = await t.app.inject({
        method: 'PATCH',
        url,
        headers: { cookie, ...(token ? { 'x-csrf-token': token } : {}) },
        payload: change,
      });
      expect({ token, status: res.statusCode, body: res.json() }).toMatchObject({
        token,
        status: 403,
        body: { code: 'CSRF_TOKEN_INVALID', field: 'headers.x-csrf-token' },
      });
    }
    expect(await auditCount()).toBe(before);
    expect((await agent.get(`/api/accounts/${account.id}`)).body.account.email).not.toBe(
      'Emil.Neu@Example.DE',
    );
    const ok = await agent.patch(`/api/accounts/${account.id}/contact`, {
      caseId: kase.id,
      email: 'Emil.Neu@Example.DE',
      language: 'en',
    });
    expect(ok.status).toBe(200);
    expect(ok.body.account).toMatchObject({ email: 'Emil.Neu@Example.DE', language: 'en' });
    expect(ids(await search('emil.neu@example.de'))).toEqual([account.id]);
    const audit = await contactChangeAudit(account.id);
    expect(audit).toMatchObject({ account_id: account.id, case_id: kase.id, actor_id: agent.user.id });
    expect(audit.changes).toMatchObject({ language: { from: 'de', to: 'en' } });

    t.clock.advance(31 * 60_000);
    const expired = await agent.patch(`/api/accounts/${account.id}/contact`, {
      caseId: kase.id,
      city: 'Ulm',
    });
    expect(expired.status).toBe(409);
    expect(expired.body.code).toBe('VERIFICATION_EXPIRED');
  });
});

describe('lookup of bare digits', () => {
  it('reads digits as an account number first and falls back to a phone number typed without its 0', async () => {
    const byNumber = await search(erika.accountNumber.slice(1));
    expect(byNumber.body).toMatchObject({ interpretedAs: 'account_number', normalized: erika.accountNumber });
    const byPhone = await search('30 9876543');
    expect(byPhone.body).toMatchObject({
      query: '30 9876543',
      interpretedAs: 'phone',
      normalized: '+49309876543',
    });
    expect(ids(byPhone)).toContain(erika.id);
  });
});

describe('account view details', () => {
  it('names plans and products in both languages, and marks an invoice overdue once the clock passes its due date', async () => {
    t.clock.set('2026-05-04T09:00:00Z');
    const account = await createAccount(t, { firstName: 'Otto', lastName: 'Faellig' });
    // signed up on 5 May two years ago: 23 whole months today, 24 once the 5th has come
    await t.db
      .updateTable('accounts')
      .set({ signup_at: new Date('2024-05-05T12:00:00Z') })
      .where('id', '=', account.id)
      .execute();
    const { plan } = await addBilling(t, account.id);
    const { product } = await addOrder(t, account.id, { quantity: 3 });
    await t.db
      .insertInto('invoices')
      .values({
        id: `inv_due_${account.id}`,
        invoice_number: `R-DUE-${account.id}`,
        account_id: account.id,
        subscription_id: null,
        order_id: null,
        amount_minor: 700,
        paid_minor: 200,
        status: 'open',
        issued_at: t.clock.now(),
        due_on: '2026-05-05',
      })
      .execute();
    const view = async () => {
      const res = await (await t.login('agent')).get(`/api/accounts/${account.id}`);
      expect(res.body.detail ?? res.status).toBe(200);
      return res.body;
    };
    const first = await view();
    expect(first.subscriptions[0].planName).toEqual({ de: plan.name_de, en: plan.name_en });
    expect(first.orders).toEqual([
      expect.objectContaining({
        productName: { de: product.name_de, en: product.name_en },
        category: product.category,
        quantity: 3,
        totalMinor: Number(product.price_minor) * 3,
        status: 'delivered',
      }),
    ]);
    expect(first.storeCredit.entries.map((e: { amountMinor: number }) => e.amountMinor).sort()).toEqual([
      -500, 1500,
    ]);
    const overdueOf = (v: typeof first) =>
      Object.fromEntries(
        v.invoices.map((i: { invoiceNumber: string; overdue: boolean }) => [
          i.invoiceNumber.split('-')[1],
          i.overdue,
        ]),
      );
    // due tomorrow by the server's calendar: not overdue; the 2020 one is, the 2099 one is not
    expect(overdueOf(first)).toEqual({ DUE: false, OVERDUE: true, FUTURE: false, PAID: false });
    expect(first.balance).toEqual({
      outstandingMinor: 3999 + 2500 + 500,
      overdueMinor: 3999,
      currency: 'EUR',
    });
    expect(first.account.tenureMonths).toBe(23);

    t.clock.advance(2 * 86_400_000);
    const later = await view();
    expect(overdueOf(later)).toEqual({ DUE: true, OVERDUE: true, FUTURE: false, PAID: false });
    expect(later.balance).toEqual({
      outstandingMinor: 3999 + 2500 + 500,
      overdueMinor: 3999 + 500,
      currency: 'EUR',
    });
    expect(later.account.tenureMonths).toBe(24);
  });

  it('leaves out revoked representatives and shows the lock while it lasts', async () => {
    const account = await createAccount(t, {
      firstName: 'Paul',
      lastName: 'Gesperrt',
      representatives: [
        { firstName: 'Alt', lastName: 'Widerrufen' },
        { firstName: 'Neu', lastName: 'Gueltig', canRequestRefunds: true },
      ],
    });
    await t.db
      .updateTable('account_representatives')
      .set({ revoked_at: t.clock.now() })
      .where('id', '=', account.representatives[0]!.id)
      .execute();
    const until = new Date(t.clock.now().getTime() + 15 * 60_000);
    await setLockout(t, account.id, { failures: 3, lockedUntil: until });
    const fresh = await t.login('agent');
    const res = await fresh.get(`/api/accounts/${account.id}`);
    expect(res.body.representatives).toEqual([
      expect.objectContaining({ firstName: 'Neu', canCancel: false, canRequestRefunds: true }),
    ]);
    expect(res.body.account.verification).toEqual({
      failures: 3,
      locked: true,
      lockedUntil: until.toISOString(),
      flaggedAt: null,
    });
    expect(
      (await fresh.get('/api/accounts/search?q=Alt%20Widerrufen')).body.items.map(
        (i: { id: string }) => i.id,
      ),
    ).not.toContain(account.id);
    expect(
      (await fresh.get('/api/accounts/search?q=Neu%20Gueltig')).body.items.map((i: { id: string }) => i.id),
    ).toContain(account.id);
    t.clock.advance(16 * 60_000);
    const later = await (await t.login('agent')).get(`/api/accounts/${account.id}`);
    expect(later.body.account.verification).toMatchObject({ locked: false, lockedUntil: null });
  });
});

describe('account balance', () => {
  it('counts an old open invoice even when more than 50 newer ones are listed', async () => {
    const account = await createAccount(t, { firstName: 'Viele', lastName: 'Rechnungen' });
    const now = t.clock.now().getTime();
    await t.db
      .insertInto('invoices')
      .values(
        Array.from({ length: 56 }, (_, n) => ({
          id: `inv_many_${n}_${account.id}`,
          invoice_number: `R-MANY-${n}-${account.id}`,
          account_id: account.id,
          subscription_id: null,
          order_id: null,
          amount_minor: n === 0 ? 1234 : 100,
          paid_minor: n === 0 ? 0 : 100,
          status: n === 0 ? ('open' as const) : ('paid' as const),
          issued_at: new Date(now - (60 - n) * 86_400_000),
          due_on: '2020-02-01',
        })),
      )
      .execute();
    const res = await (await t.login('agent')).get(`/api/accounts/${account.id}`);
    expect(res.body.invoices).toHaveLength(50);
    expect(
      res.body.invoices.some((i: { invoiceNumber: string }) => i.invoiceNumber.startsWith('R-MANY-0-')),
    ).toBe(false);
    expect(res.body.balance).toEqual({ outstandingMinor: 1234, overdueMinor: 1234, currency: 'EUR' });
  });
});

describe('open commitments in the account view', () => {
  const withCommitments = (
    accountId: string,
    caseId: string,
    commitments: Array<{ description: string; dueOn: string; ownerId?: string }>,
  ) => ({
    accountId,
    caseId,
    contactReason: 'Rückfrage zur Rechnung',
    actionsTaken: 'Rechnung erklärt',
    commitments,
  });
  const openOf = async (accountId: string) => {
    const res = await (await t.login('agent')).get(`/api/accounts/${accountId}`);
    expect(res.body.detail ?? res.status).toBe(200);
    return res.body.openCommitments as Array<{ id: string; description: string; overdue: boolean }>;
  };

  it("lists the promises still open, due first, with owner, note and case, leaving out kept ones and other accounts'", async () => {
    t.clock.set('2026-06-01T09:00:00Z');
    const writer = await t.login('agent');
    const lead = await t.login('lead');
    const account = await createAccount(t, { firstName: 'Zora', lastName: 'Zusage' });
    const first = await createCase(t, account.id);
    const second = await createCase(t, account.id);
    const other = await createAccount(t, { firstName: 'Otto', lastName: 'Anderer' });
    const otherCase = await createCase(t, other.id);
    expect(await openOf(account.id)).toEqual([]);

    const older = await writer.post(
      '/api/notes',
      withCommitments(account.id, first.id, [
        { description: 'Rückruf mit Ergebnis', dueOn: '2026-06-03' },
        { description: 'Gutschrift prüfen', dueOn: '2026-06-02', ownerId: lead.user.id },
        { description: 'Unterlagen schicken', dueOn: '2026-06-05' },
      ]),
    );
    expect(older.status).toBe(201);
    const newer = await writer.post(
      '/api/notes',
      withCommitments(account.id, second.id, [{ description: 'Mahnung stoppen', dueOn: '2026-06-01' }]),
    );
    await writer.post(
      '/api/notes',
      withCommitments(other.id, otherCase.id, [{ description: 'Fremde Zusage', dueOn: '2026-06-01' }]),
    );
    const kept = older.body.commitments.find(
      (c: { description: string }) => c.description === 'Unterlagen schicken',
    );
    expect((await writer.post(`/api/commitments/${kept.id}/done`)).status).toBe(200);

    const idOf = (description: string) =>
      [...older.body.commitments, ...newer.body.commitments].find(
        (c: { description: string }) => c.description === description,
      ).id;
    const anna = { id: writer.user.id, displayName: 'Anna Agentin' };
    expect(await openOf(account.id)).toEqual([
      {
        id: idOf('Mahnung stoppen'),
        description: 'Mahnung stoppen',
        owner: anna,
        dueOn: '2026-06-01',
        overdue: false,
        noteId: newer.body.id,
        caseId: second.id,
        caseNumber: second.caseNumber,
      },
      {
        id: idOf('Gutschrift prüfen'),
        description: 'Gutschrift prüfen',
        owner: { id: lead.user.id, displayName: 'Lars Leiter' },
        dueOn: '2026-06-02',
        overdue: false,
        noteId: older.body.id,
        caseId: first.id,
        caseNumber: first.caseNumber,
      },
      {
        id: idOf('Rückruf mit Ergebnis'),
        description: 'Rückruf mit Ergebnis',
        owner: anna,
        dueOn: '2026-06-03',
        overdue: false,
        noteId: older.body.id,
        caseId: first.id,
        caseNumber: first.caseNumber,
      },
    ]);
  });

  it("marks a promise overdue once its day has passed on the company's calendar, and drops it when kept", async () => {
    t.clock.set('2026-06-10T09:00:00Z');
    const writer = await t.login('agent');
    const account = await createAccount(t, { firstName: 'Frida', lastName: 'Frist' });
    const kase = await createCase(t, account.id);
    const { body: written } = await writer.post(
      '/api/notes',
      withCommitments(account.id, kase.id, [{ description: 'Heute zurückrufen', dueOn: '2026-06-10' }]),
    );
    expect(await openOf(account.id)).toEqual([expect.objectContaining({ overdue: false })]);
    // 23:59 in Berlin (UTC+2 in summer): still the due day
    t.clock.set('2026-06-10T21:59:00Z');
    expect(await openOf(account.id)).toEqual([expect.objectContaining({ overdue: false })]);
    // 00:01 on the next day in Berlin, while it is still the due day in UTC
    t.clock.set('2026-06-10T22:01:00Z');
    expect(await openOf(account.id)).toEqual([
      expect.objectContaining({ id: written.commitments[0].id, overdue: true }),
    ]);
    const owner = await t.login('agent');
    expect((await owner.post(`/api/commitments/${written.commitments[0].id}/done`)).status).toBe(200);
    expect(await openOf(account.id)).toEqual([]);
  });
});
