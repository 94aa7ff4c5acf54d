import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionOf } from '../../../test/api/world';
import { addPaidOrder, countAuditEvents, createAccountWithCase, markVerified } from '../../../test/factories';
import { startDesk, type TestApp, type TestClient } from '../../../test/harness';
import { DAY } from '../../platform/clock';

// Evidence on a refund request through the API: files are taken by what their bytes are (never by
// their name or the client's Content-Type), within the size and count limits, stored in the
// database with their hash and audited, listed with the request and downloaded by staff only,
// with headers that let a hostile file do nothing in the browser.

let t: TestApp;
let agent: TestClient;
let lead: TestClient;
const sessions: Record<'agent' | 'lead', { cookie: string; csrf: string }> = {} as never;

const NOW = '2026-05-04T09:00:00Z';
const MAX_BYTES = 5 * 1024 * 1024;

beforeAll(async () => {
  ({ t, agent, lead } = await startDesk({ now: NOW }));
  sessions.agent = await sessionOf(t, 'agent@kulanz.test', 'kulanz-agent-1');
  sessions.lead = await sessionOf(t, 'lead@kulanz.test', 'kulanz-lead-1');
});
afterAll(async () => {
  await t.close();
});

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
const JPEG = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
  Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1'),
  Buffer.from([0xff, 0xd9]),
]);
const WEBP = Buffer.concat([
  Buffer.from('RIFF', 'latin1'),
  Buffer.from([0x1a, 0, 0, 0]),
  Buffer.from('WEBPVP8L', 'latin1'),
  Buffer.from([0x0d, 0, 0, 0, 0x2f, 0, 0, 0, 0x10, 0x07, 0x10, 0x11, 0x11, 0x88, 0x88, 0xfe, 0x07, 0]),
]);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n', 'latin1');
const HTML = Buffer.from('<!doctype html><html><script>alert(document.cookie)</script></html>');
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
const EXE = Buffer.concat([Buffer.from('MZ', 'latin1'), Buffer.alloc(200)]);
const ZIP = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200)]);

/** A request on a verified case, waiting for the agent's decision (bought 3 days ago: in policy). */
async function openRequest(input: { outOfPolicy?: boolean } = {}) {
  const { account, kase } = await createAccountWithCase(t);
  await markVerified(t, kase.id);
  const orderedAt = new Date(t.clock.now().getTime() - (input.outOfPolicy ? 90 : 3) * DAY);
  const { paymentId } = await addPaidOrder(t, account.id, { totalMinor: 6000, orderedAt });
  const res = await agent.post(`/api/cases/${kase.id}/refund-requests`, {
    paymentId,
    reasonCode: input.outOfPolicy ? 'poor_support' : 'not_satisfied',
    customerWords: 'Das Foto zeigt den Schaden.',
    mood: 'upset',
    requestedMinor: 6000,
    currency: 'EUR',
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { id: res.body.id as string, caseId: kase.id, status: res.body.status as string };
}

/** A raw call as `who` (or nobody), answering the body's bytes as they came. */
async function raw(
  who: 'agent' | 'lead' | null,
  method: 'GET' | 'POST',
  url: string,
  payload?: Buffer | string,
  contentType = 'application/octet-stream',
) {
  const session = who ? sessions[who] : null;
  const res = await t.app.inject({
    method,
    url,
    headers: {
      ...(session ? { cookie: session.cookie, 'x-csrf-token': session.csrf } : {}),
      ...(payload !== undefined ? { 'content-type': contentType } : {}),
    },
    ...(payload !== undefined ? { payload } : {}),
  });
  const isJson = String(res.headers['content-type'] ?? '').includes('json');
  return {
    status: res.statusCode,
    headers: res.headers,
    bytes: res.rawPayload,
    body: isJson ? res.json() : null,
  };
}

const upload = (
  id: string,
  bytes: Buffer,
  name: string,
  contentType?: string,
  who: 'agent' | 'lead' = 'agent',
) =>
  raw(
    who,
    'POST',
    `/api/refund-requests/${id}/evidence?name=${encodeURIComponent(name)}`,
    bytes,
    contentType,
  );

const storedEvidence = (requestId: string) =>
  t.db.selectFrom('refund_request_evidence').selectAll().where('request_id', '=', requestId).execute();

const evidenceAudits = (requestId: string) =>
  t.db
    .selectFrom('audit_events')
    .selectAll()
    .where('entity_id', '=', requestId)
    .where('action', '=', 'refund_request.evidence_added')
    .execute();

describe('accepting evidence by its content', () => {
  it.each([
    ['a PNG', PNG, 'schaden.png', 'image/png'],
    ['a JPEG', JPEG, 'foto.jpeg', 'image/jpeg'],
    ['a WebP', WEBP, 'bild.webp', 'image/webp'],
    ['a GIF', GIF, 'anim.gif', 'image/gif'],
    ['a PDF', PDF, 'rechnung.pdf', 'application/pdf'],
    ['a PNG named .pdf', PNG, 'rechnung.pdf', 'image/png'],
    ['a PDF named .png, sent as image/png', PDF, 'beleg.png', 'application/pdf'],
  ])('takes %s as what its bytes are, with its hash and size, audited', async (_, bytes, name, type) => {
    const r = await openRequest();
    const res = await upload(r.id, bytes, name);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      fileName: name,
      contentType: type,
      sizeBytes: bytes.length,
      sha256: (await import('node:crypto')).createHash('sha256').update(bytes).digest('hex'),
      uploadedBy: agent.user.id,
    });
    const [row] = await storedEvidence(r.id);
    expect(Buffer.from(row!.content).equals(bytes)).toBe(true);
    expect(row).toMatchObject({ content_type: type, size_bytes: bytes.length, uploaded_by: agent.user.id });
    const audits = await evidenceAudits(r.id);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actor_id: agent.user.id, case_id: r.caseId });
  });

  it('ignores the Content-Type a client claims: a PDF sent as image/png is still a PDF', async () => {
    const r = await openRequest();
    const res = await raw(
      'agent',
      'POST',
      `/api/refund-requests/${r.id}/evidence?name=x.png`,
      PDF,
      'application/octet-stream',
    );
    expect(res.body.contentType).toBe('application/pdf');
  });

  it.each([
    ['an HTML page named .png', HTML, 'foto.png', /HTML/],
    ['an SVG image', SVG, 'logo.svg', /SVG/],
    ['a Windows program named .pdf', EXE, 'rechnung.pdf', /program/],
    ['a ZIP archive named .jpg', ZIP, 'fotos.jpg', /ZIP/],
    ['text', Buffer.from('just some words'), 'notiz.png', /another type/],
  ])('refuses %s with 415 naming the body, storing and auditing nothing', async (_, bytes, name, says) => {
    const r = await openRequest();
    const before = await countAuditEvents(t);
    const res = await upload(r.id, bytes, name);
    expect(res.status).toBe(415);
    expect(res.body).toMatchObject({ code: 'REFUND_EVIDENCE_TYPE_UNSUPPORTED', field: 'body' });
    expect(res.body.detail).toMatch(says);
    expect(await storedEvidence(r.id)).toEqual([]);
    expect(await countAuditEvents(t)).toBe(before);
  });

  it('refuses an empty body, JSON instead of bytes, and an unknown request, naming the field', async () => {
    const r = await openRequest();
    const empty = await raw('agent', 'POST', `/api/refund-requests/${r.id}/evidence`);
    expect(empty.status).toBe(400);
    expect(empty.body).toMatchObject({ code: 'REFUND_EVIDENCE_EMPTY', field: 'body' });
    const json = await raw(
      'agent',
      'POST',
      `/api/refund-requests/${r.id}/evidence`,
      '{"a":1}',
      'application/json',
    );
    expect(json.status).toBe(415);
    expect(json.body).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', field: 'headers.content-type' });
    const other = await raw('agent', 'POST', `/api/refund-requests/${r.id}/evidence`, PNG, 'image/png');
    expect(other.status).toBe(415);
    expect(other.body.field).toBe('headers.content-type');
    const missing = await upload('rfr_nope', PNG, 'x.png');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ code: 'REFUND_REQUEST_NOT_FOUND', field: 'params.id' });
    const nul = await upload(r.id, PNG, 'a\u0000b.png');
    expect(nul.status).toBe(400);
    expect(nul.body.field).toBe('querystring.name');
    expect(await storedEvidence(r.id)).toEqual([]);
  });

  it('stores a name without folders or control characters, and downloads it with the right extension', async () => {
    const r = await openRequest();
    const res = await upload(r.id, PNG, 'C:\\fakepath\\..\\Bild\u202egnp.exe');
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.fileName).toBe('Bildgnp.exe');
    const file = await raw('lead', 'GET', `/api/refund-requests/${r.id}/evidence/${res.body.id}`);
    expect(file.headers['content-disposition']).toBe(
      `inline; filename="Bildgnp.exe.png"; filename*=UTF-8''Bildgnp.exe.png`,
    );
    const umlaut = await upload(r.id, PDF, 'Kündigung "Mai"; 2026.pdf');
    const pdf = await raw('agent', 'GET', `/api/refund-requests/${r.id}/evidence/${umlaut.body.id}`);
    expect(pdf.headers['content-disposition']).toBe(
      `attachment; filename="Kundigung _Mai__ 2026.pdf"; filename*=UTF-8''K%C3%BCndigung%20%22Mai%22%3B%202026.pdf`,
    );
  });
});

describe('limits', () => {
  it('takes a file of exactly the limit and refuses one byte more with 413, storing and auditing nothing', async () => {
    const r = await openRequest();
    const atLimit = Buffer.concat([PNG, Buffer.alloc(MAX_BYTES - PNG.length)]);
    const ok = await upload(r.id, atLimit, 'gross.png');
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(ok.body.sizeBytes).toBe(MAX_BYTES);
    const before = await countAuditEvents(t);
    const over = await upload(r.id, Buffer.concat([atLimit, Buffer.from([0])]), 'zu-gross.png');
    expect(over.status).toBe(413);
    expect(over.body).toMatchObject({
      code: 'REFUND_EVIDENCE_TOO_LARGE',
      field: 'body',
      maxBytes: MAX_BYTES,
    });
    expect(await storedEvidence(r.id)).toHaveLength(1);
    expect(await countAuditEvents(t)).toBe(before);
  });

  it('takes at most 10 files per request, also when 20 arrive at once', async () => {
    const r = await openRequest();
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => upload(r.id, PNG, `foto-${i}.png`)),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([...Array<number>(10).fill(201), ...Array<number>(10).fill(409)]);
    for (const refused of answers.filter((a) => a.status === 409))
      expect(refused.body).toMatchObject({ code: 'REFUND_EVIDENCE_LIMIT_REACHED', limit: 10 });
    expect(await storedEvidence(r.id)).toHaveLength(10);
    expect(await evidenceAudits(r.id)).toHaveLength(10);
    const view = await agent.get(`/api/refund-requests/${r.id}`);
    expect(view.body.evidence).toHaveLength(10);
  });

  it('closes the documentation once the request is decided', async () => {
    const r = await openRequest();
    const decided = await agent.post(`/api/refund-requests/${r.id}/decision`, {
      action: 'approve',
      note: 'ok',
    });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    const late = await upload(r.id, PNG, 'spaet.png');
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ code: 'REFUND_ALREADY_DECIDED', field: 'params.id' });
    expect(await storedEvidence(r.id)).toEqual([]);
  });
});

describe('reading evidence', () => {
  it('lets staff download the identical bytes with headers that keep a hostile file inert', async () => {
    const r = await openRequest();
    const png = await upload(r.id, PNG, 'schaden.png');
    const pdf = await upload(r.id, PDF, 'rechnung.pdf');
    for (const who of ['agent', 'lead'] as const) {
      const image = await raw(who, 'GET', `/api/refund-requests/${r.id}/evidence/${png.body.id}`);
      expect(image.status).toBe(200);
      expect(image.bytes.equals(PNG)).toBe(true);
      expect(image.headers['content-type']).toBe('image/png');
      expect(image.headers['x-content-type-options']).toBe('nosniff');
      expect(image.headers['content-security-policy']).toMatch(/^default-src 'none';.*\bsandbox\b/);
      expect(image.headers['cache-control']).toBe('private, no-store');
      expect(image.headers['content-disposition']).toMatch(/^inline; filename="schaden.png"/);
    }
    const doc = await raw('agent', 'GET', `/api/refund-requests/${r.id}/evidence/${pdf.body.id}`);
    expect(doc.bytes.equals(PDF)).toBe(true);
    expect(doc.headers['content-type']).toBe('application/pdf');
    expect(doc.headers['content-disposition']).toMatch(/^attachment; filename="rechnung.pdf"/);
    expect(doc.headers['content-security-policy']).toMatch(/^default-src 'none'/);
  });

  it('answers 401 without a session, to downloads and uploads alike, and 404 for evidence of another request', async () => {
    const r = await openRequest();
    const other = await openRequest();
    const png = await upload(r.id, PNG, 'schaden.png');
    const anonymous = await raw(null, 'GET', `/api/refund-requests/${r.id}/evidence/${png.body.id}`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.bytes.includes(PNG)).toBe(false);
    const anonymousUpload = await raw(null, 'POST', `/api/refund-requests/${r.id}/evidence`, PNG);
    expect(anonymousUpload.status).toBe(401);
    expect(await storedEvidence(r.id)).toHaveLength(1);
    const elsewhere = await raw('agent', 'GET', `/api/refund-requests/${other.id}/evidence/${png.body.id}`);
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.body).toMatchObject({ code: 'REFUND_EVIDENCE_NOT_FOUND', field: 'params.evidenceId' });
  });

  it('shows the lead the evidence of a request in the exceptions queue, with the uploader', async () => {
    const r = await openRequest({ outOfPolicy: true });
    if (r.status === 'evaluated')
      await agent.post(`/api/refund-requests/${r.id}/escalate`, { note: 'Kulanz?' });
    const png = await upload(r.id, PNG, 'schaden.png');
    t.clock.advance(60_000);
    const pdf = await upload(r.id, PDF, 'rechnung.pdf');
    const queue = await lead.get('/api/refund-requests?status=pending_approval&limit=200');
    expect(queue.body.items.map((i: { id: string }) => i.id)).toContain(r.id);
    const view = await lead.get(`/api/refund-requests/${r.id}`);
    expect(view.status).toBe(200);
    expect(view.body.evidence).toEqual([
      expect.objectContaining({
        id: png.body.id,
        fileName: 'schaden.png',
        contentType: 'image/png',
        sizeBytes: PNG.length,
        uploadedBy: agent.user.id,
      }),
      expect.objectContaining({ id: pdf.body.id, contentType: 'application/pdf' }),
    ]);
    const onCase = await lead.get(`/api/cases/${r.caseId}/refund-requests`);
    expect(onCase.body.items[0].evidence.map((e: { id: string }) => e.id)).toEqual([
      png.body.id,
      pdf.body.id,
    ]);
  });

  it('keeps evidence as a record: the database refuses to change or delete it', async () => {
    const r = await openRequest();
    const png = await upload(r.id, PNG, 'schaden.png');
    await expect(
      t.db.deleteFrom('refund_request_evidence').where('id', '=', png.body.id).execute(),
    ).rejects.toThrow(/append-only/);
    expect(await storedEvidence(r.id)).toHaveLength(1);
  });
});

describe('configured limits', () => {
  let small: TestApp;
  let smallAgent: TestClient;
  beforeAll(async () => {
    ({ t: small, agent: smallAgent } = await startDesk({
      now: NOW,
      config: { evidenceMaxBytes: 2048, evidenceMaxFiles: 2 },
    }));
  });
  afterAll(async () => {
    await small?.close();
  });

  it('holds KULANZ_EVIDENCE_MAX_BYTES and KULANZ_EVIDENCE_MAX_FILES as set', async () => {
    const { account, kase } = await createAccountWithCase(small);
    await markVerified(small, kase.id);
    const { paymentId } = await addPaidOrder(small, account.id, { totalMinor: 6000 });
    const created = await smallAgent.post(`/api/cases/${kase.id}/refund-requests`, {
      paymentId,
      reasonCode: 'not_satisfied',
      customerWords: 'Bitte erstatten',
      mood: 'calm',
      requestedMinor: 6000,
      currency: 'EUR',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const send = (bytes: Buffer) =>
      smallAgent.post(`/api/refund-requests/${created.body.id}/evidence?name=x.png`, bytes, {
        'content-type': 'application/octet-stream',
      });
    const over = await send(Buffer.concat([PNG, Buffer.alloc(2049 - PNG.length)]));
    expect(over.status).toBe(413);
    expect(over.body).toMatchObject({ code: 'REFUND_EVIDENCE_TOO_LARGE', maxBytes: 2048 });
    expect((await send(Buffer.concat([PNG, Buffer.alloc(2048 - PNG.length)]))).status).toBe(201);
    expect((await send(PNG)).status).toBe(201);
    const third = await send(PNG);
    expect(third.status).toBe(409);
    expect(third.body).toMatchObject({ code: 'REFUND_EVIDENCE_LIMIT_REACHED', limit: 2 });
  });
});
