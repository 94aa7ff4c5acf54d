import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { domainErrorFromDatabase } from '../database-errors';
import { DomainError, errorDefinition } from '../errors';
import { DEFAULT_LANGUAGE, type Language, preferredLanguage } from './language';
import { wordedIssues } from './validation-messages';
import { guardedSchema } from './validator';

export interface FieldProblem {
  field: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  field?: string;
  errors?: FieldProblem[];
  [key: string]: unknown;
}

export function problem(code: string, detail: string, extra: Partial<Problem> = {}): Problem {
  const def = errorDefinition(code);
  const status = def?.status ?? 500;
  return {
    type: `urn:kulanz:problem:${code.toLowerCase()}`,
    title: def?.title ?? code,
    status,
    code,
    detail,
    ...extra,
  };
}

export function sendProblem(reply: FastifyReply, p: Problem): FastifyReply {
  return reply.code(p.status).type('application/problem+json').send(p);
}

interface ValidationItem {
  instancePath?: string;
  message?: string;
  params?: { issue?: { path?: PropertyKey[]; message?: string } };
}

function fieldOf(context: string | undefined, item: ValidationItem): string {
  const path = item.params?.issue?.path?.map(String) ?? (item.instancePath ?? '').split('/').filter(Boolean);
  return [context ?? 'body', ...path].join('.');
}

// Fastify names the failed part of the request by its schema key; the value sits on the request under this name.
const REQUEST_PART = { body: 'body', params: 'params', querystring: 'query', headers: 'headers' } as const;

/**
 * The field problems of a failed schema validation, worded in `language`. The validator ran before
 * the language was known, so for anything but the default the route's schema checks the same
 * request part again with the language's messages; the fields stay exactly those of the first run.
 */
function fieldProblems(error: FastifyError, request: FastifyRequest, language: Language): FieldProblem[] {
  const context = error.validationContext;
  const items = (error.validation ?? []) as ValidationItem[];
  const asValidated = items.map((item) => ({
    field: fieldOf(context, item),
    message: item.params?.issue?.message ?? item.message ?? 'invalid',
  }));
  if (language === DEFAULT_LANGUAGE || !context || !(context in REQUEST_PART)) return asValidated;
  const part = context as keyof typeof REQUEST_PART;
  try {
    // Fastify hands a missing part to the validator as null; so must the second run
    const worded = wordedIssues(
      guardedSchema(request.routeOptions.schema?.[part]),
      request[REQUEST_PART[part]] ?? null,
      language,
    );
    const reworded = worded?.map((issue) => ({
      field: [context, ...issue.path].join('.'),
      message: issue.message,
    }));
    const sameFields =
      reworded?.length === asValidated.length && reworded.every((p, i) => p.field === asValidated[i]?.field);
    return reworded && sameFields ? reworded : asValidated;
  } catch {
    // a schema that cannot run twice keeps its first (English) words rather than failing the answer
    return asValidated;
  }
}

/**
 * What an error means to the client, as a problem: validation details worded in the caller's
 * Accept-Language (de or en, else en); codes, fields, titles and the messages of business rules stay
 * English, for clients to branch on and for the logs. An error no rule explains is logged and leaves
 * as INTERNAL, without its message.
 */
export function problemFor(error: FastifyError, request: FastifyRequest): Problem {
  if (hasZodFastifySchemaValidationErrors(error)) {
    const errors = fieldProblems(error, request, preferredLanguage(request.headers['accept-language']));
    const first = errors[0];
    return problem('VALIDATION_FAILED', first ? `${first.field}: ${first.message}` : 'invalid request', {
      field: first?.field,
      errors,
    });
  }
  const domainError = error instanceof DomainError ? error : domainErrorFromDatabase(error);
  if (domainError) return problemOf(domainError, request);
  const framework = frameworkProblem(error);
  if (framework) return framework;
  request.log.error({ err: error }, 'unhandled error');
  return problem('INTERNAL', 'Something went wrong on our side; the error was logged');
}

/** The one error handler: every failure leaves as application/problem+json naming its code and field. */
export function errorHandler(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  const answer = problemFor(error, request);
  if (hasZodFastifySchemaValidationErrors(error)) {
    const vary = reply.getHeader('vary');
    reply
      .header('content-language', preferredLanguage(request.headers['accept-language']))
      .header('vary', vary ? `${vary}, Accept-Language` : 'Accept-Language');
  }
  return sendProblem(reply, answer);
}

/** A public page that answers its own broken links in HTML rather than problem+json. */
export interface HtmlErrorPage {
  /** The path prefix the page's links start with ('/s/'). */
  prefix: string;
  answer(request: FastifyRequest, reply: FastifyReply, problem: Problem): FastifyReply;
}

/**
 * Fastify's `frameworkErrors`: what the router refuses before any route runs (a malformed
 * percent-encoding, an over-long path segment) is answered like every other error, as problem+json,
 * or by the HTML page whose link it was.
 */
export function routerErrorHandler(pages: readonly HtmlErrorPage[] = []) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply): void => {
    const answer = problemFor(error, request);
    const page = pages.find((p) => request.url.startsWith(p.prefix));
    if (page) page.answer(request, reply, answer);
    else sendProblem(reply, answer);
  };
}

function problemOf(error: DomainError, request: FastifyRequest): Problem {
  const { field, ...rest } = error.details;
  const named = field ? requestField(field, request) : undefined;
  return problem(error.code, error.message, { ...(named ? { field: named } : {}), ...rest });
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * Where this route's request carries what its use case calls by name, for problems that name
     * it: `{ caseId: 'params.id' }` when the case comes in the path. Names the request carries
     * as they are (`caseId` in the body) need no line.
     */
    fields?: Readonly<Record<string, string>>;
  }
}

const REQUEST_FIELD = /^(body|params|querystring|headers|path)(\.|$)/;

/**
 * The request field a use case's problem is about. Use cases name their inputs ('caseId'); the
 * client needs the place in its request ('params.id', 'body.caseId'): the route says where, or the
 * request carries the name itself in its body, query or path.
 */
function requestField(field: string, request: FastifyRequest): string {
  if (REQUEST_FIELD.test(field)) return field;
  const declared = request.routeOptions?.config?.fields?.[field];
  if (declared) return declared;
  const carries = (part: unknown) => part !== null && typeof part === 'object' && field in part;
  if (carries(request.body)) return `body.${field}`;
  if (carries(request.query)) return `querystring.${field}`;
  if (carries(request.params)) return `params.${field}`;
  return field;
}

/**
 * What Fastify itself refused, as problem+json: the router (a malformed or over-long path), the
 * body parser, the rate limiter. Any other client error Fastify raises keeps its 4xx status.
 */
export function frameworkProblem(error: FastifyError): Problem | undefined {
  switch (error.code) {
    case 'FST_ERR_BAD_URL':
    case 'FST_ERR_INVALID_URL':
      return problem('BAD_URL', 'The address is not valid percent-encoded UTF-8', { field: 'path' });
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return problem('URI_TOO_LONG', 'A part of the address is longer than any id', { field: 'path' });
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return problem('PAYLOAD_TOO_LARGE', 'The request body is too large', { field: 'body' });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return problem('UNSUPPORTED_MEDIA_TYPE', error.message, { field: 'headers.content-type' });
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return problem('MALFORMED_REQUEST', error.message, { field: 'body' });
    case 'FST_ERR_VALIDATION':
      return problem('VALIDATION_FAILED', error.message, { field: error.validationContext ?? 'body' });
  }
  if (error.statusCode === 429)
    return problem('RATE_LIMITED', 'Too many requests; wait a moment and try again');
  if (error instanceof SyntaxError || error.statusCode === 400)
    return problem('MALFORMED_REQUEST', error.message, { field: 'body' });
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500)
    return problem('MALFORMED_REQUEST', error.message, { status: error.statusCode });
  return undefined;
}
