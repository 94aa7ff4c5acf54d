import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, request as httpsRequest } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_LOGINS } from '../src/demo/seed-demo';
import { startTestApp, type TestApp } from './harness';

// Which headers say "HTTPS only" (HSTS, CSP upgrade-insecure-requests), and whose address the
// audit log records: both depend on who connected, never on what a client claims in a header.
const PROXY = '10.0.0.5';
const CLIENT = '203.0.113.9';
const FORGED = '198.51.100.7';

function httpsOnlyHeaders(headers: Record<string, unknown>) {
  const csp = String(headers['content-security-policy'] ?? '');
  expect(csp).toContain("default-src 'self'"); // helmet's CSP is there in every mode
  return {
    hsts: headers['strict-transport-security'] !== undefined,
    upgrade: csp.includes('upgrade-insecure-requests'),
  };
}

async function get(t: TestApp, remoteAddress: string, headers: Record<string, string> = {}) {
  const res = await t.app.inject({ method: 'GET', url: '/api/health', remoteAddress, headers });
  expect(res.statusCode).toBe(200);
  return httpsOnlyHeaders(res.headers);
}

/** Logs in as the demo agent and returns the address the audit log and the session recorded. */
async function loginFrom(t: TestApp, remoteAddress: string, headers: Record<string, string> = {}) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    remoteAddress,
    headers,
    payload: DEMO_LOGINS.find((l) => l.role === 'agent')!,
  });
  expect(res.statusCode).toBe(200);
  const audit = await t.db
    .selectFrom('audit_events')
    .select('ip')
    .where('action', '=', 'staff.logged_in')
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  const session = await t.db
    .selectFrom('staff_sessions')
    .select('ip')
    .orderBy('created_at', 'desc')
    .executeTakeFirstOrThrow();
  const attempt = await t.db
    .selectFrom('login_attempts')
    .select('ip')
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  return { audit: audit.ip, session: session.ip, attempt: attempt.ip };
}

describe('without KULANZ_TRUST_PROXY (the default)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('sends no HSTS and no upgrade-insecure-requests over plain HTTP', async () => {
    expect(await get(t, CLIENT)).toEqual({ hsts: false, upgrade: false });
  });

  it("ignores a client's X-Forwarded-Proto: https", async () => {
    expect(await get(t, CLIENT, { 'x-forwarded-proto': 'https' })).toEqual({ hsts: false, upgrade: false });
    expect(await get(t, PROXY, { 'x-forwarded-proto': 'https' })).toEqual({ hsts: false, upgrade: false });
  });

  it('records the connecting address, not a forged X-Forwarded-For', async () => {
    const recorded = await loginFrom(t, CLIENT, { 'x-forwarded-for': FORGED });
    expect(recorded).toEqual({ audit: CLIENT, session: CLIENT, attempt: CLIENT });
  });
});

describe(`with KULANZ_TRUST_PROXY=${PROXY}`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ config: { trustProxy: [PROXY] } });
  });
  afterAll(() => t.close());

  it('sends HSTS and upgrade-insecure-requests when the proxy says the request came over HTTPS', async () => {
    expect(await get(t, PROXY, { 'x-forwarded-proto': 'https' })).toEqual({ hsts: true, upgrade: true });
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/health',
      remoteAddress: PROXY,
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
  });

  it('sends neither when the proxy says plain HTTP, or says nothing', async () => {
    expect(await get(t, PROXY, { 'x-forwarded-proto': 'http' })).toEqual({ hsts: false, upgrade: false });
    expect(await get(t, PROXY)).toEqual({ hsts: false, upgrade: false });
  });

  it('sends neither when a client that is not the proxy sends the same header', async () => {
    expect(await get(t, CLIENT, { 'x-forwarded-proto': 'https' })).toEqual({ hsts: false, upgrade: false });
  });

  it("records the address the proxy forwards, and a client's own address when it forges one", async () => {
    expect(await loginFrom(t, PROXY, { 'x-forwarded-for': CLIENT })).toEqual({
      audit: CLIENT,
      session: CLIENT,
      attempt: CLIENT,
    });
    expect(await loginFrom(t, CLIENT, { 'x-forwarded-for': FORGED })).toEqual({
      audit: CLIENT,
      session: CLIENT,
      attempt: CLIENT,
    });
  });
});

// A real TLS connection: the request's socket is encrypted, no header involved.
const openssl = spawnSync('openssl', ['version'], { encoding: 'utf8' });
const hasOpenssl = openssl.status === 0;
if (!hasOpenssl)
  console.warn('trust-boundary: HTTPS listener test NOT RUN — no openssl to make a certificate');

describe.skipIf(!hasOpenssl)('served over a real HTTPS listener', () => {
  let t: TestApp;
  let dir: string;
  let cert: Buffer;
  let server: ReturnType<typeof createServer>;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kulanz-tls-'));
    execFileSync(
      'openssl',
      [
        ...['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'],
        ...['-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1'],
        ...['-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1'],
      ],
      { stdio: 'pipe' },
    );
    cert = readFileSync(join(dir, 'cert.pem'));
    t = await startTestApp();
    // the app's own request handling behind Node's TLS server
    server = createServer({ key: readFileSync(join(dir, 'key.pem')), cert }, (req, res) =>
      t.app.routing(req, res),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends HSTS and upgrade-insecure-requests', async () => {
    const { port } = server.address() as AddressInfo;
    const headers = await new Promise<Record<string, unknown>>((resolve, reject) => {
      const req = httpsRequest({ host: '127.0.0.1', port, path: '/api/health', ca: cert }, (res) => {
        res.resume();
        expect(res.statusCode).toBe(200);
        resolve(res.headers);
      });
      req.on('error', reject);
      req.end();
    });
    expect(httpsOnlyHeaders(headers)).toEqual({ hsts: true, upgrade: true });
  });
});
