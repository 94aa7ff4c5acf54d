import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../src/modules/policy';
import {
  describeValue,
  hostileFor,
  hostileKeys,
  hostileText,
  percentEncode,
  RawJson,
  rawPathSegments,
  toJsonText,
} from './api/hostile-values';
import { type ApiOperation, documentedOperations, type JsonSchema } from './api/route-table';
import { exampleFor, type FieldPath, fieldsIn, requiredFieldsIn } from './api/schema-values';
import { type ApiWorld, buildWorld, sessionOf, WORLD_PASSWORD } from './api/world';
import { installWriteLog } from './api/write-log';
import { startTestApp, type TestApp } from './harness';

// A property-based fuzz of the whole API, driven by the app's own OpenAPI document: for every
// operation, a valid request is built from its schemas and the test world, then one part of it is
// made hostile (a field replaced, a required field dropped, a field added, the body swapped, a path
// segment sent raw). Whatever is sent, the API answers below 500; every 4xx is problem+json naming
// its code, and the field when a field is at fault; and a refused request changes nothing in the
// database. The count is bounded for CI; KULANZ_FUZZ_RUNS raises it (and KULANZ_FUZZ_SEED varies it)
// for longer runs by hand.
const RUNS_PER_OPERATION = Number(process.env.KULANZ_FUZZ_RUNS ?? 30);
const SEED = Number(process.env.KULANZ_FUZZ_SEED ?? 20_260_815);

type Part = 'params' | 'querystring' | 'headers' | 'body';

/** A field of a request, named as the API names it in problems ('body.commitments.0.dueOn'). */
interface RequestField {
  part: Part;
  path: FieldPath;
  schema: JsonSchema;
  name: string;
}

type Mutation =
  | { kind: 'set'; field: RequestField; value: unknown }
  | { kind: 'drop'; field: RequestField }
  | { kind: 'extra'; part: 'body' | 'querystring'; at: FieldPath; key: string; value: unknown }
  | { kind: 'raw-path'; name: string; raw: string };

interface FuzzRequest {
  params: Record<string, unknown>;
  rawParams: Record<string, string>;
  querystring: Record<string, unknown>;
  headers: Record<string, unknown>;
  body: unknown;
}

/** Refusals that record something by design, with why: these tables may change on a 4xx. */
const RECORDED_REFUSALS: Record<string, { tables: string[]; why: string }> = {
  logIn: {
    tables: ['login_attempts', 'audit_events'],
    why: 'failed logins are counted to throttle guessing, and audited',
  },
  verifyCaller: {
    tables: ['verification_attempts', 'accounts', 'audit_events'],
    why: 'a wrong answer is recorded and counts towards the lock',
  },
};

/** Operations that end the session they run on get a fresh one for every request. */
const ENDS_SESSION = new Set(['logOut']);

const partOf = { path: 'params', query: 'querystring', header: 'headers' } as const;

let t: TestApp;
let world: ApiWorld;
let operations: ApiOperation[];
let session: { cookie: string; csrf: string };
let writeLog: Awaited<ReturnType<typeof installWriteLog>>;
const totals = { requests: 0, '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0 };

beforeAll(async () => {
  t = await startTestApp();
  world = await buildWorld(t);
  operations = await documentedOperations(t.app);
  session = await sessionOf(t, 'admin@kulanz.test', 'kulanz-admin-1');
  writeLog = await installWriteLog(t.db);
}, 120_000);

afterAll(async () => {
  console.log(
    `api fuzz on ${process.env.KULANZ_TEST_DB ?? 'pglite'} (seed ${SEED}, ${RUNS_PER_OPERATION} per operation): ` +
      `${totals.requests} requests — 2xx ${totals['2xx']}, 3xx ${totals['3xx']}, 4xx ${totals['4xx']}, 5xx ${totals['5xx']}`,
  );
  await t?.close();
});

function changedTables(before: Map<string, number>, after: Map<string, number>, allowed: string[]) {
  return writeLog
    .changedSince(before, after)
    .filter((table) => !allowed.includes(table.replace(/^public\./, '')));
}

// --- valid requests --------------------------------------------------------------------------------

const PREFIXED = /^([a-z]+)_… id$/;

/** A real id or value for the fields that need one, so a valid request reaches the use case. */
function hintFor(op: ApiOperation) {
  return (path: FieldPath, schema: JsonSchema): unknown => {
    const name = String(path[path.length - 1] ?? '');
    const prefix = PREFIXED.exec(schema.description ?? '')?.[1];
    if (prefix && prefix in world.ids) return world.ids[prefix as keyof ApiWorld['ids']];
    if (name === 'accountId') return world.ids.acc;
    if (name === 'caseId' || name === 'entityId') return world.ids.case;
    if (name === 'caseNumber') return world.caseNumber;
    if (name === 'representativeId') return world.ids.rep;
    if (name === 'ownerId' || name === 'assigneeId' || name === 'actorId') return 'usr_demo_admin';
    if (name === 'owner' || name === 'assignee') return 'me';
    if (name === 'idempotency-key') return `fuzz-key-${Math.random().toString(36).slice(2, 12)}`;
    if (name === 'q') return 'Mustermann';
    // a reason code is lower-case letters, digits and _ (the generator does not read patterns)
    if (op.key === 'saveCancellationReason' && name === 'code') return 'other';
    if (op.key === 'logIn' && name === 'email') return world.spareEmail;
    if (op.key === 'logIn' && name === 'password') return WORLD_PASSWORD;
    if (name === 'email') return `fuzz.${Math.random().toString(36).slice(2, 10)}@example.de`;
    if (name === 'phone') return '030 7654321';
    if (name === 'iban') return 'DE89 3704 0044 0532 0130 00';
    if (name === 'answers') return { date_of_birth: '1980-03-07' };
    // a whole policy document: its cross-field rules (a window per refundable category) need a real one
    if (op.key === 'savePolicyDraft' && path.length === 0) return structuredClone(DEFAULT_POLICY);
    return undefined;
  };
}

function validRequest(op: ApiOperation): FuzzRequest {
  const hint = hintFor(op);
  const request: FuzzRequest = { params: {}, rawParams: {}, querystring: {}, headers: {}, body: undefined };
  for (const p of op.parameters) {
    const value = exampleFor({ ...p.schema, description: p.description ?? p.schema.description }, hint, [
      p.name,
    ]);
    if (p.in === 'path' || p.required) request[partOf[p.in]][p.name] = value;
  }
  if (op.body) request.body = exampleFor(op.body, hint);
  return request;
}

function requestFields(op: ApiOperation): RequestField[] {
  const fields: RequestField[] = op.parameters.map((p) => ({
    part: partOf[p.in],
    path: [p.name],
    schema: { ...p.schema, description: p.description ?? p.schema.description },
    name: `${partOf[p.in]}.${p.name}`,
  }));
  if (op.body)
    for (const f of fieldsIn(op.body))
      fields.push({ part: 'body', path: f.path, schema: f.schema, name: ['body', ...f.path].join('.') });
  return fields;
}

// --- hostile requests ------------------------------------------------------------------------------

function mutations(op: ApiOperation, valid: FuzzRequest): fc.Arbitrary<Mutation> {
  const fields = requestFields(op);
  const choices: Array<fc.WeightedArbitrary<Mutation>> = [];
  if (fields.length > 0) {
    choices.push({
      weight: 8,
      arbitrary: fc
        .constantFrom(...fields)
        .chain((field) =>
          hostileFor(field.schema, valueAt(valid, field), /id$/i.test(String(field.path.at(-1)))).map(
            (value): Mutation => ({ kind: 'set', field, value }),
          ),
        ),
    });
  }
  const required = [
    ...op.parameters
      .filter((p) => p.required && p.in !== 'path')
      .map((p) => requestFields(op).find((f) => f.name === `${partOf[p.in]}.${p.name}`)!),
    ...(op.body
      ? requiredFieldsIn(op.body).map(
          (path) => fields.find((f) => f.part === 'body' && sameField(f.path, path))!,
        )
      : []),
  ].filter(Boolean);
  if (required.length > 0)
    choices.push({
      weight: 1,
      arbitrary: fc.constantFrom(...required).map((field): Mutation => ({ kind: 'drop', field })),
    });
  const objects = op.body ? fieldsIn(op.body).filter((f) => f.schema.properties) : [];
  if (objects.length > 0)
    choices.push({
      weight: 1,
      arbitrary: fc
        .record({
          at: fc.constantFrom(...objects.map((o) => o.path)),
          key: hostileKeys,
          value: fc.oneof(hostileText, fc.constant({ isAdmin: true })),
        })
        .map((m): Mutation => ({ kind: 'extra', part: 'body', ...m })),
    });
  choices.push({
    weight: 1,
    arbitrary: fc
      .record({ key: hostileKeys, value: hostileText })
      .map((m): Mutation => ({ kind: 'extra', part: 'querystring', at: [], ...m })),
  });
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  if (pathParams.length > 0)
    choices.push({
      weight: 2,
      arbitrary: fc
        .record({ name: fc.constantFrom(...pathParams.map((p) => p.name)), raw: rawPathSegments })
        .map((m): Mutation => ({ kind: 'raw-path', ...m })),
    });
  return fc.oneof(...choices);
}

const sameField = (a: FieldPath, b: FieldPath) =>
  a.length === b.length && a.every((k, i) => String(k) === String(b[i]));

function valueAt(request: FuzzRequest, field: RequestField): unknown {
  let v: unknown = request[field.part];
  for (const key of field.path) v = (v as Record<string, unknown> | undefined)?.[key as string];
  return v;
}

/** The valid request with the mutation applied (a copy; deep values are shared, never changed). */
function mutate(valid: FuzzRequest, m: Mutation): FuzzRequest {
  const request: FuzzRequest = structuredClone({
    ...valid,
    body: valid.body === undefined ? undefined : valid.body,
  });
  if (m.kind === 'raw-path') {
    request.rawParams[m.name] = m.raw;
    return request;
  }
  const part = m.kind === 'extra' ? m.part : m.field.part;
  const path = m.kind === 'extra' ? [...m.at, m.key] : m.field.path;
  if (path.length === 0) {
    if (m.kind === 'set') (request as unknown as Record<string, unknown>)[part] = m.value;
    if (m.kind === 'drop') (request as unknown as Record<string, unknown>)[part] = undefined;
    return request;
  }
  let holder = request[part] as Record<string | number, unknown> | undefined;
  if (holder === undefined || holder === null || typeof holder !== 'object') {
    holder = {};
    (request as unknown as Record<string, unknown>)[part] = holder;
  }
  for (const key of path.slice(0, -1)) {
    const next = holder[key];
    if (next === null || typeof next !== 'object') holder[key] = {};
    holder = holder[key] as Record<string | number, unknown>;
  }
  const last = path[path.length - 1]!;
  if (m.kind === 'drop') delete holder[last];
  else if (last === '__proto__')
    Object.defineProperty(holder, last, {
      value: m.value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  else holder[last] = m.value;
  return request;
}

const asText = (v: unknown): string =>
  v instanceof RawJson ? v.text : typeof v === 'string' ? v : (toJsonText(v) ?? String(v));

function urlOf(op: ApiOperation, request: FuzzRequest): string {
  const path = op.path.replace(/\{(\w+)\}/g, (_m, name: string) =>
    name in request.rawParams
      ? request.rawParams[name]!
      : percentEncode(asText(request.params?.[name] ?? '')),
  );
  const query: string[] = [];
  const qs = request.querystring;
  if (qs && typeof qs === 'object')
    for (const [key, value] of Object.entries(qs)) {
      if (value === undefined) continue;
      for (const one of Array.isArray(value) ? value : [value])
        query.push(`${percentEncode(key)}=${percentEncode(asText(one))}`);
    }
  return query.length ? `${path}?${query.join('&')}` : path;
}

function headersOf(request: FuzzRequest): Record<string, string> {
  const out: Record<string, string> = {};
  const hs = request.headers;
  if (hs && typeof hs === 'object')
    for (const [key, value] of Object.entries(hs)) {
      if (value === undefined) continue;
      const text = asText(value);
      // header values are latin-1 without control characters; anything else goes percent-encoded
      out[key] = /^[\t\x20-\x7e\x80-\xff]*$/.test(text) ? text : percentEncode(text);
    }
  return out;
}

async function send(op: ApiOperation, request: FuzzRequest) {
  const auth = ENDS_SESSION.has(op.key) ? await sessionOf(t, 'admin@kulanz.test', 'kulanz-admin-1') : session;
  const hasBody = op.body !== undefined || request.body !== undefined;
  return t.app.inject({
    method: op.method as 'GET',
    url: urlOf(op, request),
    headers: {
      cookie: auth.cookie,
      'x-csrf-token': auth.csrf,
      ...(hasBody && request.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...headersOf(request),
    },
    ...(hasBody && request.body !== undefined ? { payload: toJsonText(request.body) } : {}),
  });
}

// --- what every answer must be ---------------------------------------------------------------------

/** Statuses that mean "your request is at fault": the problem must say where. */
const FIELD_AT_FAULT = new Set([400, 413, 414, 415, 422]);
const PARTS = /^(body|params|querystring|headers|path)(\.|$)/;

/** One field names the other or lies inside it ('body.commitments' and 'body.commitments.0.dueOn'). */
const related = (a: string, b: string) => a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`);

function judge(
  res: { statusCode: number; headers: Record<string, unknown>; body: string },
  m: Mutation,
): string[] {
  const problems: string[] = [];
  if (res.statusCode >= 500) problems.push(`answered ${res.statusCode}`);
  if (res.statusCode < 400) return problems;
  const type = String(res.headers['content-type'] ?? '');
  if (!type.startsWith('application/problem+json'))
    return [...problems, `answered ${type}, not problem+json`];
  const body = JSON.parse(res.body) as {
    status?: number;
    code?: unknown;
    field?: unknown;
    errors?: Array<{ field: string }>;
  };
  if (body.status !== res.statusCode) problems.push(`problem says status ${body.status}`);
  if (typeof body.code !== 'string' || !body.code) problems.push('problem has no code');
  const entityMissing = res.statusCode === 404 && body.code !== 'NOT_FOUND';
  if (
    (FIELD_AT_FAULT.has(res.statusCode) || entityMissing) &&
    !(typeof body.field === 'string' && PARTS.test(body.field))
  )
    problems.push(`a ${res.statusCode} must name the field at fault, got ${JSON.stringify(body.field)}`);
  if (m.kind === 'set' && body.code === 'VALIDATION_FAILED') {
    const named = (body.errors ?? []).map((e) => e.field);
    if (!named.some((f) => related(f, m.field.name)))
      problems.push(`the hostile value was in ${m.field.name} but the problem names ${named.join(', ')}`);
  }
  return problems;
}

function describeMutation(m: Mutation): string {
  switch (m.kind) {
    case 'set':
      return `${m.field.name} = ${describeValue(m.value)}`;
    case 'drop':
      return `${m.field.name} left out`;
    case 'extra':
      return `${[m.part, ...m.at, describeValue(m.key)].join('.')} added = ${describeValue(m.value)}`;
    case 'raw-path':
      return `path {${m.name}} sent raw as ${describeValue(m.raw)}`;
  }
}

function count(status: number) {
  totals.requests++;
  const cls = `${Math.floor(status / 100)}xx` as '2xx';
  if (cls in totals) totals[cls]++;
}

describe('the API under hostile input', () => {
  it(
    'answers every generated request to every documented operation below 500, as problem+json naming the field, and changes nothing it refuses',
    async () => {
      expect(operations.length).toBeGreaterThan(40);
      const failures: string[] = [];
      for (const [index, op] of operations.entries()) {
        const valid = validRequest(op);
        const allowed = RECORDED_REFUSALS[op.key]?.tables ?? [];
        // the request the hostile ones are made from passes validation, so each hostile part is what is
        // tested (a business rule may still refuse it: earlier operations changed settings and state)
        const plain = await send(op, valid);
        count(plain.statusCode);
        if (plain.statusCode >= 500 || plain.body.includes('"VALIDATION_FAILED"')) {
          failures.push(
            `${op.key} (${op.method} ${op.path}): the valid request was answered ${plain.statusCode} ${plain.body.slice(0, 300)}`,
          );
          continue;
        }
        let before = await writeLog.counts();
        const outcome = await fc.check(
          fc.asyncProperty(mutations(op, valid), async (m) => {
            const res = await send(op, mutate(valid, m));
            count(res.statusCode);
            const problems = judge(res, m);
            const after = await writeLog.counts();
            if (res.statusCode >= 400) {
              const changed = changedTables(before, after, allowed);
              if (changed.length)
                problems.push(`refused with ${res.statusCode} but changed ${changed.join(', ')}`);
            }
            before = after;
            if (problems.length)
              throw new Error(`${problems.join('; ')} — ${res.statusCode} ${res.body.slice(0, 300)}`);
          }),
          { seed: SEED + index, numRuns: RUNS_PER_OPERATION, endOnFailure: true },
        );
        if (outcome.failed) {
          const m = outcome.counterexample?.[0] as Mutation | undefined;
          failures.push(
            `${op.key} (${op.method} ${op.path}) with ${m ? describeMutation(m) : '?'}: ${String((outcome.errorInstance as Error)?.message ?? outcome.errorInstance)}`,
          );
        }
      }
      expect(failures).toEqual([]);
    },
    15 * 60_000,
  );

  it(
    'answers every hostile survey link and form with the survey page in HTML, below 500, changing nothing it refuses',
    async () => {
      const token = world.surveyPath.slice('/s/'.length);
      const link = fc.oneof(
        { weight: 4, arbitrary: fc.constant(percentEncode(token)) },
        hostileText.map((text) => percentEncode(text)),
        poisonedToken(token).map((text) => percentEncode(text)),
        // dot segments leave /s/ before any server sees them (clients resolve them), so they are not links here
        rawPathSegments.filter((raw) => !/^(\.|%2e)+$/i.test(raw)),
      );
      const form = fc.oneof(
        // a valid rating, so the hostile comment is what the survey has to store
        ...[fc.constantFrom('1', '2', '3', '4', '5'), fc.integer({ min: 1, max: 5 })].map((rating) =>
          fc.record({ rating, comment: hostileText }).map((f) =>
            typeof f.rating === 'number'
              ? { type: 'application/json', payload: toJsonText(f) }
              : {
                  type: 'application/x-www-form-urlencoded',
                  payload: formText(f as Record<string, string>),
                },
          ),
        ),
        fc
          .record({
            rating: fc.oneof(fc.constantFrom('1', '5', '0', '6'), hostileText),
            comment: hostileText,
          })
          .map((f) => ({ type: 'application/x-www-form-urlencoded', payload: formText(f) })),
        fc.record({ rating: fc.oneof(hostileText, fc.integer()), comment: hostileText }).map((f) => ({
          type: 'application/json',
          payload: toJsonText(f),
        })),
        fc.constantFrom(
          { type: 'application/x-www-form-urlencoded', payload: 'rating=%E0%A4%A&comment=%' },
          { type: 'application/x-www-form-urlencoded', payload: `comment=${'x'.repeat(30_000)}` },
          { type: 'text/plain', payload: 'rating=5' },
          { type: 'application/json', payload: '{"rating":' },
          { type: 'application/json', payload: '[[[[[[[[[[]]]]]]]]]]' },
        ),
      );
      const request = fc.record({ method: fc.constantFrom('GET', 'POST'), link, form });
      let address = 0;
      let before = await writeLog.counts();
      await fc.assert(
        fc.asyncProperty(request, async ({ method, link: path, form: body }) => {
          const res = await t.app.inject({
            method: method as 'GET',
            url: `/s/${path}`,
            // a fresh client address each time: the per-address limit answers too, but should not answer everything
            remoteAddress: `10.9.${Math.floor(address / 250)}.${(address++ % 250) + 1}`,
            ...(method === 'POST' ? { headers: { 'content-type': body.type }, payload: body.payload } : {}),
          });
          count(res.statusCode);
          if (method === 'POST' && res.statusCode === 200) await reopenSurvey(world.surveyId);
          const after = await writeLog.counts();
          const changed = res.statusCode >= 400 ? writeLog.changedSince(before, after) : [];
          before = after;
          expect(res.statusCode).toBeLessThan(500);
          expect(res.headers['content-type']).toMatch(/^text\/html/);
          expect(changed).toEqual([]);
        }),
        { seed: SEED, numRuns: RUNS_PER_OPERATION * 4 },
      );
    },
    5 * 60_000,
  );
});

/** An answered survey open again, so that every generated answer meets an open survey, not only the first. */
async function reopenSurvey(id: string) {
  await t.db
    .updateTable('surveys')
    .set({ state: 'sent', rating: null, comment: null, answered_at: null })
    .where('id', '=', id)
    .execute();
}

function poisonedToken(token: string) {
  return fc
    .tuple(fc.nat({ max: token.length }), fc.constantFrom('\u0000', '\ud800', '/', '..'))
    .map(([at, bad]) => token.slice(0, at) + bad + token.slice(at));
}

/** Form data as a browser would send it; half a surrogate pair goes out as its (invalid) bytes. */
function formText(fields: Record<string, string>): string {
  return Object.entries(fields)
    .map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`)
    .join('&');
}
