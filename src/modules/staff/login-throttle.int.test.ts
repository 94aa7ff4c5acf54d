import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestClient } from '../../../test/harness';
import { MAX_FAILED_LOGINS, MAX_FAILED_LOGINS_PER_SOURCE } from './login-throttle';

// Failed logins are throttled per e-mail and source address, and per source across e-mails: a
// guesser is stopped, the real user on another address is not, and an admin can lift it.
// Each test takes addresses of its own: the route's own per-address request rate limit (30 a
// minute, in memory) must not be what answers here.
let lastOctet = 0;
const address = () => `198.51.100.${++lastOctet}`;
const PASSWORD = 'the-right-password-1';

let t: TestApp;
let admin: TestClient;
let n = 0;

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.login('admin');
});
afterAll(async () => {
  await t?.close();
});

/** A fresh staff user, so that no other test's failures count. */
async function newUser(): Promise<{ id: string; email: string }> {
  const email = `throttle.${++n}@kulanz.test`;
  const res = await admin.post('/api/admin/staff', {
    email,
    displayName: `T ${n}`,
    role: 'admin',
    password: PASSWORD,
  });
  expect(res.status).toBe(201);
  return { id: res.body.id, email };
}

function login(email: string, password: string, remoteAddress: string) {
  return t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email, password },
    remoteAddress,
  });
}

async function burst(count: number, send: (i: number) => ReturnType<typeof login>) {
  const responses = await Promise.all(Array.from({ length: count }, (_, i) => send(i)));
  const tally: Record<number, number> = {};
  for (const r of responses) tally[r.statusCode] = (tally[r.statusCode] ?? 0) + 1;
  for (const r of responses.filter((r) => r.statusCode === 429))
    expect(r.json()).toMatchObject({ code: 'LOGIN_THROTTLED', field: 'body.email' });
  return tally;
}

const failuresOf = async (email: string) =>
  (
    await t.db
      .selectFrom('login_attempts')
      .select('id')
      .where('email', '=', email)
      .where('succeeded', '=', false)
      .execute()
  ).length;

describe('the login throttle', () => {
  it('lets exactly five of 20 parallel wrong passwords for one e-mail through to a 401; the rest get 429', async () => {
    const user = await newUser();
    const ATTACKER = address();
    const tally = await burst(20, (i) => login(user.email, `wrong-password-${i}`, ATTACKER));
    expect(tally).toEqual({ 401: MAX_FAILED_LOGINS, 429: 20 - MAX_FAILED_LOGINS });
    expect(await failuresOf(user.email)).toBe(MAX_FAILED_LOGINS);
    // the right password from that address is refused too: the address is out for this e-mail
    expect((await login(user.email, PASSWORD, ATTACKER)).statusCode).toBe(429);
  });

  it("cannot be used by an attacker's address to lock the user out from their own", async () => {
    const user = await newUser();
    const [ATTACKER, OFFICE] = [address(), address()];
    for (let i = 0; i < MAX_FAILED_LOGINS + 3; i++) await login(user.email, `guess-${i}-password`, ATTACKER);
    expect((await login(user.email, PASSWORD, ATTACKER)).statusCode).toBe(429);
    const own = await login(user.email, PASSWORD, OFFICE);
    expect(own.statusCode).toBe(200);
    expect(own.json().user.email).toBe(user.email);
    // and the user's own typos count on their address alone
    expect((await login(user.email, 'typo-typo-typo', OFFICE)).statusCode).toBe(401);
    expect((await login(user.email, PASSWORD, OFFICE)).statusCode).toBe(200);
  });

  it('caps one address across e-mails exactly under a parallel burst, leaving other addresses alone', async () => {
    const spray = address();
    // earlier failures from this address in the window, over many e-mails (the route's request rate
    // limit would stop a single burst large enough to reach the cap)
    const earlier = MAX_FAILED_LOGINS_PER_SOURCE - 10;
    await t.db
      .insertInto('login_attempts')
      .values(
        Array.from({ length: earlier }, (_, i) => ({
          email: `earlier.${i}@kulanz.test`,
          ip: spray,
          source: spray,
          succeeded: false,
          at: new Date(t.clock.now().getTime() - 5 * 60_000),
        })),
      )
      .execute();
    // 20 guesses over 5 e-mails: no e-mail reaches its own limit, the address reaches its cap
    const emails = Array.from({ length: 5 }, (_, i) => `nobody.${n}.${i}@kulanz.test`);
    const tally = await burst(20, (i) => login(emails[i % emails.length]!, `spray-${i}-password`, spray));
    expect(tally).toEqual({ 401: 10, 429: 10 });
    const user = await newUser();
    expect((await login(user.email, PASSWORD, spray)).statusCode).toBe(429);
    expect((await login(user.email, PASSWORD, address())).statusCode).toBe(200);
    t.clock.advance(16 * 60_000);
    expect((await login(user.email, PASSWORD, spray)).statusCode).toBe(200);
  });

  it('counts an IPv6 /64 as one source, so that fresh addresses from it do not buy fresh guesses', async () => {
    const user = await newUser();
    for (let i = 1; i <= MAX_FAILED_LOGINS; i++)
      expect((await login(user.email, `v6-guess-${i}`, `2001:db8:77:1::${i}`)).statusCode).toBe(401);
    expect((await login(user.email, PASSWORD, '2001:db8:77:1:ffff::1')).statusCode).toBe(429);
    expect((await login(user.email, PASSWORD, '2001:db8:77:2::1')).statusCode).toBe(200);
  });

  it('shows the block on the admin users list, and an admin unlocks it, audited', async () => {
    const user = await newUser();
    const [ATTACKER, OFFICE] = [address(), address()];
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) await login(user.email, `wrong-${i}-password`, ATTACKER);
    for (let i = 0; i < 2; i++) await login(user.email, `wrong-${i}-password`, OFFICE);
    const listed = async () =>
      (await admin.get('/api/staff')).body.items.find((u: { id: string }) => u.id === user.id);
    expect(await listed()).toMatchObject({ loginBlocked: true });

    const agent = await t.login('agent');
    expect((await agent.post(`/api/admin/staff/${user.id}/unlock-login`)).status).toBe(403);
    expect((await login(user.email, PASSWORD, ATTACKER)).statusCode).toBe(429);

    const res = await admin.post(`/api/admin/staff/${user.id}/unlock-login`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: user.id, email: user.email, loginBlocked: false });
    expect(await listed()).toMatchObject({ loginBlocked: false });
    const audit = await t.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'staff.login_unlocked')
      .where('entity_id', '=', user.id)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actor_id: admin.user.id,
      actor_role: 'admin',
      entity_type: 'staff_user',
      changes: { email: user.email, clearedFailures: MAX_FAILED_LOGINS + 2 },
    });
    // the failures stay on record, they only stop counting
    expect(await failuresOf(user.email)).toBe(MAX_FAILED_LOGINS + 2);
    expect((await login(user.email, PASSWORD, ATTACKER)).statusCode).toBe(200);
  });

  it('answers 404 naming the id when unlocking a staff user that does not exist, recording nothing', async () => {
    const before = await t.db.selectFrom('audit_events').select('id').execute();
    const res = await admin.post('/api/admin/staff/usr_doesnotexist/unlock-login');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: 'STAFF_USER_NOT_FOUND', field: 'params.id' });
    expect(await t.db.selectFrom('audit_events').select('id').execute()).toHaveLength(before.length);
  });
});
