import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { DomainError, errorDefinition } from '../errors';
import { DEFAULT_LANGUAGE, type Language, preferredLanguage } from './language';
import { wordedIssues } from './validation-messages';

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
      request.routeOptions.schema?.[part],
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
 * The one error handler: every failure leaves as application/problem+json naming its code and field.
 * Validation details are worded in the caller's Accept-Language (de or en, else en); codes, fields,
 * titles and the messages of business rules stay English, for clients to branch on and for the logs.
 */
export function errorHandler(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  if (hasZodFastifySchemaValidationErrors(error)) {
    const language = preferredLanguage(request.headers['accept-language']);
    const errors = fieldProblems(error, request, language);
    const first = errors[0];
    const vary = reply.getHeader('vary');
    reply
      .header('content-language', language)
      .header('vary', vary ? `${vary}, Accept-Language` : 'Accept-Language');
    return sendProblem(
      reply,
      problem('VALIDATION_FAILED', first ? `${first.field}: ${first.message}` : 'invalid request', {
        field: first?.field,
        errors,
      }),
    );
  }
  if (error instanceof DomainError) {
    const { field, ...rest } = error.details;
    return sendProblem(reply, problem(error.code, error.message, { ...(field ? { field } : {}), ...rest }));
  }
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return sendProblem(
        reply,
        problem('PAYLOAD_TOO_LARGE', 'The request body is too large', { field: 'body' }),
      );
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return sendProblem(reply, problem('MALFORMED_REQUEST', error.message, { field: 'body' }));
    case 'FST_ERR_VALIDATION':
      return sendProblem(
        reply,
        problem('VALIDATION_FAILED', error.message, { field: error.validationContext ?? 'body' }),
      );
  }
  if (error.statusCode === 429) {
    return sendProblem(reply, problem('RATE_LIMITED', 'Too many requests; wait a moment and try again'));
  }
  if (error instanceof SyntaxError || error.statusCode === 400) {
    return sendProblem(reply, problem('MALFORMED_REQUEST', error.message, { field: 'body' }));
  }
  request.log.error({ err: error }, 'unhandled error');
  return sendProblem(reply, problem('INTERNAL', 'Something went wrong on our side; the error was logged'));
}
