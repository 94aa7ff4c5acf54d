import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { DomainError, errorDefinition } from '../errors';

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

/** The one error handler: every failure leaves as application/problem+json naming its code and field. */
export function errorHandler(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  if (hasZodFastifySchemaValidationErrors(error)) {
    const items = (error.validation ?? []) as ValidationItem[];
    const errors = items.map((item) => ({
      field: fieldOf(error.validationContext, item),
      message: item.params?.issue?.message ?? item.message ?? 'invalid',
    }));
    const first = errors[0];
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
